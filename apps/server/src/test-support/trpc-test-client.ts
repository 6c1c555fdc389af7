import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { AnswerChunk } from '../modules/chat/answer-stream.js';
import type { AppRouter } from '../trpc/app-router.js';

export type TestClient = ReturnType<typeof createTRPCClient<AppRouter>>;

/** A real tRPC client over HTTP, as @jarvis/client builds it, optionally with a secret API key. */
export function createTestClient(serverUrl: string, apiKey?: string): TestClient {
  const url = `${serverUrl}/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          EventSource,
          ...(apiKey ? { connectionParams: { authorization: `Bearer ${apiKey}` } } : {}),
        }),
        false: httpBatchLink({ url, ...(apiKey ? { headers: { authorization: `Bearer ${apiKey}` } } : {}) }),
      }),
    ],
  });
}

/** Asks a question and collects the whole streamed answer (rejects with the typed error on refusal). */
export function askOverHttp(
  client: TestClient,
  input: { botKey: string; question: string; conversationId?: string },
  onChunk?: (chunk: AnswerChunk, stop: () => void) => void,
): Promise<AnswerChunk[]> {
  return new Promise((resolve, reject) => {
    const chunks: AnswerChunk[] = [];
    const subscription = client.chat.send.subscribe(input, {
      onData: (chunk) => {
        chunks.push(chunk);
        const stop = () => {
          subscription.unsubscribe();
          resolve(chunks);
        };
        onChunk?.(chunk, stop);
        if (chunk.type === 'answer-end' || chunk.type === 'error') stop();
      },
      onError: (error) => {
        subscription.unsubscribe();
        reject(error);
      },
    });
  });
}

/** The text of an answer's deltas. */
export function answerText(chunks: readonly AnswerChunk[]): string {
  return chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.text : '')).join('');
}

/** A job's state as `jobs.progress` streams it. */
export interface JobState {
  status: string;
  progress: Record<string, unknown>;
  error: string | null;
}

/** Follows a job's progress subscription until the job ends (or the stream does) and returns its last state. */
export function waitForJob(owner: TestClient, jobId: string): Promise<JobState> {
  return new Promise((resolve, reject) => {
    let last: JobState | undefined;
    const subscription = owner.jobs.progress.subscribe(
      { jobId },
      {
        onData: (job) => {
          last = job;
          if (['done', 'failed', 'cancelled'].includes(job.status)) {
            subscription.unsubscribe();
            resolve(job);
          }
        },
        onError: reject,
        onComplete: () => last && resolve(last),
      },
    );
  });
}
