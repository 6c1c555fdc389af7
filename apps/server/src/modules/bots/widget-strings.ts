import type { JarvisStrings } from '@jarvis/chat';

/**
 * The names of the widget's built-in strings an owner may reword per language (bots.update settings
 * `strings`). Listed here, not read from @jarvis/chat at run time, so the server never loads the
 * widget's code; the check below breaks the type-check when the widget gains or loses a string.
 */
export const widgetStringNames = [
  'chat',
  'openChat',
  'closeChat',
  'newChat',
  'placeholder',
  'inputLabel',
  'send',
  'stop',
  'stopped',
  'tryAgain',
  'copy',
  'copied',
  'helpful',
  'notHelpful',
  'commentLabel',
  'thanks',
  'offline',
  'sources',
  'source',
  'writing',
] as const satisfies readonly (keyof JarvisStrings)[];

export type WidgetStringName = (typeof widgetStringNames)[number];

// Fails to compile when JarvisStrings has a name the list above lacks.
const listsEveryString: Exclude<keyof JarvisStrings, WidgetStringName> extends never ? true : false = true;
void listsEveryString;
