import { englishStrings, type JarvisStrings } from './jarvis-strings.js';

/**
 * The built-in languages other than English, by primary language subtag. Each is a module of its own,
 * loaded on pages in that language only, so the initial script carries English alone.
 */
const otherLanguages: Record<string, () => Promise<{ strings: JarvisStrings }>> = {
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
  de: () => import('./de.js'),
  pt: () => import('./pt.js'),
  ja: () => import('./ja.js'),
  ar: () => import('./ar.js'),
};

/** The languages the widget has strings for. */
export const supportedLocales = ['en', ...Object.keys(otherLanguages)];

/** Languages written right to left (primary subtags). */
const rightToLeft = new Set(['ar', 'he', 'fa', 'ur']);

/** The primary language subtag of a BCP 47 tag, lower-cased: `pt-BR` → `pt`. */
const primaryLanguage = (locale: string) => locale.trim().toLowerCase().split(/[-_]/)[0] ?? '';

/**
 * The built-in strings for a language tag (`fr`, `pt-BR`, `ar-EG`…): English, and unknown languages,
 * at once, so nothing waits for them; the others once their module has loaded (English if it cannot).
 */
export function loadStrings(locale: string): JarvisStrings | Promise<JarvisStrings> {
  const language = primaryLanguage(locale);
  const load = Object.hasOwn(otherLanguages, language) ? otherLanguages[language] : undefined;
  if (!load) return englishStrings;
  return load().then(
    (module) => module.strings,
    () => englishStrings,
  );
}

/** The owner's wording for this language (from the bot's config) over the built-in strings. */
export function withOwnerStrings(
  strings: JarvisStrings,
  locale: string,
  ownerStrings: Record<string, Partial<JarvisStrings>> = {},
): JarvisStrings {
  // The language shown: unknown ones are in English, so the owner's English wording applies to them.
  const requested = primaryLanguage(locale);
  const language = supportedLocales.includes(requested) ? requested : 'en';
  const own = Object.hasOwn(ownerStrings, language) ? ownerStrings[language] : undefined;
  return own ? { ...strings, ...own } : strings;
}

/** Whether text in this language runs right to left. */
export function isRightToLeft(locale: string): boolean {
  return rightToLeft.has(primaryLanguage(locale));
}
