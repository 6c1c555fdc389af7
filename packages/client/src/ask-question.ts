import type { JarvisClient } from './create-jarvis-client.js';
import { JarvisError } from './jarvis-error.js';
import type { AnswerChunk } from './server-types.js';

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
  const queue: AnswerChunk[] = [];
  let failure: JarvisError | undefined;
  let done = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const finish = (error?: JarvisError) => {
    failure ??= error;
    done = true;
    notify();
  };

  const subscription = client.chat.send.subscribe(
    { botKey, question, ...(conversationId ? { conversationId } : {}) },
    {
      onData: (chunk) => {
        queue.push(chunk as AnswerChunk);
        notify();
      },
      onError: (error) =>
        finish(error instanceof JarvisError ? error : new JarvisError('SERVER_ERROR', String(error))),
      onComplete: () => finish(),
      onStopped: () => finish(),
      // The SSE link reconnects on a dropped connection forever; a question fails at once instead.
      onConnectionStateChange: (state) => {
        if (state.state === 'connecting' && state.error instanceof JarvisError) finish(state.error);
      },
    },
  );
  const onAbort = () => finish();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) finish();

  try {
    while (true) {
      const chunk = queue.shift();
      if (chunk) {
        if (chunk.type === 'error') throw new JarvisError('ANSWER_FAILED', chunk.message);
        yield chunk;
        if (chunk.type === 'answer-end') return;
        continue;
      }
      if (failure) throw failure;
      if (done) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    subscription.unsubscribe();
  }
}
