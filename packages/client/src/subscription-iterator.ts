import { JarvisError } from './jarvis-error.js';

/** The callbacks a tRPC subscription reports to, as far as these iterators need them. */
export interface SubscriptionHandlers<Value> {
  onData: (value: Value) => void;
  onError: (error: unknown) => void;
  onComplete: () => void;
  onStopped: () => void;
  onConnectionStateChange: (state: { state: string; error?: unknown }) => void;
}

/**
 * Turns a tRPC subscription into an async iterator: values in order, a `JarvisError` thrown on
 * failure, and a quiet end when the server completes or `signal` aborts. Breaking out of the loop
 * unsubscribes, which closes the stream.
 */
export async function* iterateSubscription<Value>(
  subscribe: (handlers: SubscriptionHandlers<Value>) => { unsubscribe: () => void },
  signal: AbortSignal | undefined,
): AsyncGenerator<Value, void, undefined> {
  const queue: Value[] = [];
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

  const subscription = subscribe({
    onData: (value) => {
      queue.push(value);
      notify();
    },
    onError: (error) =>
      finish(error instanceof JarvisError ? error : new JarvisError('SERVER_ERROR', String(error))),
    onComplete: () => finish(),
    onStopped: () => finish(),
    // The SSE link reconnects on a dropped connection forever; an iterator fails at once instead.
    onConnectionStateChange: (state) => {
      if (state.state === 'connecting' && state.error instanceof JarvisError) finish(state.error);
    },
  });
  // Stopping means stopping: what arrived but was not read yet is dropped.
  const onAbort = () => {
    queue.length = 0;
    finish();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();

  try {
    while (true) {
      if (queue.length > 0) {
        yield queue.shift() as Value;
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
