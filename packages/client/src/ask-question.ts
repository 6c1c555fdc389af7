import type { JarvisClient } from './create-jarvis-client.js';
import { JarvisError } from './jarvis-error.js';
import type { AnswerChunk } from './server-types.js';
import { iterateSubscription } from './subscription-iterator.js';

/** A question to a bot, as a visitor would ask it. */
export interface AskQuestionOptions {
  /** The bot's publishable key (`pk_…`). */
  botKey: string;
  question: string;
  /** Continues an earlier conversation (from a previous `answer-end`). */
  conversationId?: string;
  /** Stops the answer; the iteration then ends quietly. */
  signal?: AbortSignal;
}

/**
 * Asks a bot a question and yields the answer as it is written: `text-delta`s, `sources-ready`, then
 * `answer-end`. Throws a `JarvisError` when the server is unreachable or refuses the question, and
 * (code `ANSWER_FAILED`) when the answer fails part-way.
 *
 * ```ts
 * for await (const chunk of askQuestion(client, { botKey, question: 'How much is it?' })) {
 *   if (chunk.type === 'text-delta') process.stdout.write(chunk.text);
 * }
 * ```
 */
export async function* askQuestion(
  client: JarvisClient,
  options: AskQuestionOptions,
): AsyncGenerator<Exclude<AnswerChunk, { type: 'error' }>, void, undefined> {
  const { botKey, question, conversationId, signal } = options;
  const chunks = iterateSubscription<AnswerChunk>(
    (handlers) =>
      client.chat.send.subscribe(
        { botKey, question, ...(conversationId ? { conversationId } : {}) },
        handlers,
      ),
    signal,
  );
  for await (const chunk of chunks) {
    if (chunk.type === 'error') throw new JarvisError('ANSWER_FAILED', chunk.message);
    yield chunk;
    if (chunk.type === 'answer-end') return;
  }
}
