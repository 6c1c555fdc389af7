import type { WidgetConfig } from './answer-chunk.js';
import { englishStrings, type JarvisStrings } from './i18n/jarvis-strings.js';
import { badResponse, readJson, trpcRequest, trpcUrl } from './trpc-request.js';

/**
 * The bot's config from a Jarvis server (`widget.config`, a GET query). Its own module, apart from the
 * streaming transport, because the closed launcher needs the bot's colours before anything else loads.
 */
export async function fetchWidgetConfig(
  options: { api: string; botKey: string },
  signal?: AbortSignal,
): Promise<WidgetConfig> {
  const response = await trpcRequest(
    trpcUrl(options.api, 'widget.config', { botKey: options.botKey }),
    { headers: { accept: 'application/json' } },
    signal,
  );
  const body = (await readJson(response)) as { result?: { data?: unknown } } | undefined;
  return toWidgetConfig(body?.result?.data);
}

/**
 * Checks the fields the widget reads, so a malformed reply is an error message, not a crash; fields
 * an older server does not send get their empty value.
 */
export function toWidgetConfig(value: unknown): WidgetConfig {
  const config = value as Partial<Record<keyof WidgetConfig, unknown>> | undefined;
  if (typeof config?.name !== 'string') throw badResponse();
  return {
    name: config.name,
    greeting: text(config.greeting),
    starterQuestions: Array.isArray(config.starterQuestions)
      ? config.starterQuestions.filter((question) => typeof question === 'string')
      : [],
    accentColor: text(config.accentColor),
    accentTextColor: text(config.accentTextColor),
    avatarUrl: text(config.avatarUrl),
    placeholder: text(config.placeholder),
    strings: toOwnerStrings(config.strings),
  };
}

const text = (field: unknown) => (typeof field === 'string' ? field : '');

/** Only known string names with text values survive: `{ en: { send: 'Ask' } }`. */
function toOwnerStrings(value: unknown): Record<string, Partial<JarvisStrings>> {
  if (!value || typeof value !== 'object') return {};
  const byLanguage: Record<string, Partial<JarvisStrings>> = {};
  for (const [language, strings] of Object.entries(value)) {
    // Primary language subtags only, as the server checks; also keeps `__proto__` out.
    if (!/^[a-z]{2,3}$/.test(language) || !strings || typeof strings !== 'object') continue;
    byLanguage[language] = Object.fromEntries(
      Object.entries(strings).filter(
        ([name, wording]) => name in englishStrings && typeof wording === 'string' && wording,
      ),
    );
  }
  return byLanguage;
}
