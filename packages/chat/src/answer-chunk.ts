import type { JarvisStrings } from './i18n/jarvis-strings.js';

/** A source listed under an answer; `[number]` in the answer text points at it. */
export interface CitedSource {
  number: number;
  url: string;
  title: string;
}

/**
 * One piece of a streamed answer, in order: `text-delta`s, one `sources-ready`, one `answer-end`;
 * an `error` replaces the rest when the answer fails part-way. Same names as the server's stream.
 */
export type AnswerChunk =
  | { type: 'text-delta'; text: string }
  | { type: 'sources-ready'; sources: CitedSource[] }
  | {
      type: 'answer-end';
      conversationId: string;
      messageId: string;
      status: 'complete' | 'unanswered' | 'stopped';
      /** The answer was given, but its sources only weakly match the question. */
      uncertain?: boolean;
      timing?: { timeToFirstTokenMs: number; totalMs: number };
      usage?: { promptTokens: number; completionTokens: number };
    }
  | { type: 'error'; code: string; message: string };

/** What the server tells the widget about the bot before the first question. */
export interface WidgetConfig {
  name: string;
  greeting: string;
  starterQuestions: string[];
  accentColor: string;
  /** Text and icons drawn on the accent colour (launcher, header, send button); empty: white. */
  accentTextColor: string;
  /** The bot's picture in the panel's header (an http(s) URL); empty: none. */
  avatarUrl: string;
  placeholder: string;
  /**
   * The owner's wording for the widget's own texts, per language (`en`, `es`…), over the built-in
   * strings, e.g. `{ en: { openChat: 'Ask our docs' } }`.
   */
  strings: Record<string, Partial<JarvisStrings>>;
}
