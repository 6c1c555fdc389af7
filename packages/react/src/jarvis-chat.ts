import '@jarvis/chat/define';
import {
  type JarvisAnswerEvent,
  JarvisChat as JarvisChatElement,
  type JarvisCloseEvent,
  type JarvisErrorEvent,
  type JarvisFeedbackEvent,
  type JarvisMessageEvent,
  type JarvisOpenEvent,
} from '@jarvis/chat';
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';

/**
 * `<jarvis-chat>` as a React component. Attributes and properties (`bot`, `api`, `mode`, `theme`,
 * `position`, `lang`, `isOpen`, `transport`) are props; each `jarvis-*` event is an `onJarvis…` prop
 * with the event's typed class; a ref gives the element itself, so `ref.current.open()`, `send(text)`,
 * `stop()`, `reset()`, `identify(user, signature)` and `setLocale(lang)` work.
 *
 * Importing this module registers the element (through `@jarvis/chat/define`). It renders nothing but
 * the tag on the server; the element upgrades once the page's JavaScript runs.
 */
export const JarvisChat = createComponent({
  tagName: 'jarvis-chat',
  elementClass: JarvisChatElement,
  react: React,
  events: {
    onJarvisOpen: 'jarvis-open' as EventName<JarvisOpenEvent>,
    onJarvisClose: 'jarvis-close' as EventName<JarvisCloseEvent>,
    onJarvisMessage: 'jarvis-message' as EventName<JarvisMessageEvent>,
    onJarvisAnswer: 'jarvis-answer' as EventName<JarvisAnswerEvent>,
    onJarvisFeedback: 'jarvis-feedback' as EventName<JarvisFeedbackEvent>,
    onJarvisError: 'jarvis-error' as EventName<JarvisErrorEvent>,
  },
  displayName: 'JarvisChat',
});

/** The props `<JarvisChat>` takes, including `ref` (the element) and the `onJarvis…` event props. */
export type JarvisChatProps = React.ComponentProps<typeof JarvisChat>;
