/** How long a batch may wait to fill up: see `readAhead`. */
export interface GatherOptions {
  /** Items a batch would like to have. */
  items: number;
  /** Longest wait for them, from when the consumer asked. */
  ms: number;
}

/**
 * Pulls from `source` while the consumer is busy with what it already got, and yields everything
 * that piled up meanwhile as one batch (at least one item, at most `limit` waiting). A crawl then
 * goes on fetching and extracting while the pages before are stored. With `gather`, a batch smaller
 * than `gather.items` waits up to `gather.ms` for more first: when the consumer is quicker than the
 * source, it would otherwise take items one by one, paying its fixed cost per batch each time.
 * Errors from `source` arrive after the items read before them; when the consumer stops early,
 * `source` is told to return.
 */
export async function* readAhead<T>(
  source: AsyncIterable<T>,
  limit: number,
  gather?: GatherOptions,
): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  const buffer: T[] = [];
  let finished = false;
  let failure: { error: unknown } | undefined;
  let stopped = false;
  let itemArrived: (() => void) | undefined;
  let roomMade: (() => void) | undefined;

  const pump = async () => {
    try {
      while (!stopped) {
        if (buffer.length >= limit) {
          await new Promise<void>((resolve) => {
            roomMade = resolve;
          });
          continue;
        }
        const next = await iterator.next();
        if (next.done) break;
        buffer.push(next.value);
        itemArrived?.();
      }
    } catch (error) {
      failure = { error };
    } finally {
      finished = true;
      itemArrived?.();
    }
  };
  void pump();

  try {
    for (;;) {
      // A turn of the event loop first: replies that came in while the consumer was busy (responses,
      // extracted pages) are read, so their items join this batch instead of each making its own.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (gather && buffer.length > 0) {
        const deadline = Date.now() + gather.ms;
        while (buffer.length < Math.min(gather.items, limit) && !finished && Date.now() < deadline) {
          let timer: NodeJS.Timeout | undefined;
          await new Promise<void>((resolve) => {
            itemArrived = resolve;
            timer = setTimeout(resolve, deadline - Date.now());
          });
          clearTimeout(timer);
        }
      }
      if (buffer.length > 0) {
        const batch = buffer.splice(0);
        roomMade?.();
        yield batch;
      } else if (failure) {
        throw failure.error;
      } else if (finished) {
        return;
      } else {
        await new Promise<void>((resolve) => {
          itemArrived = resolve;
        });
      }
    }
  } finally {
    if (!finished) {
      stopped = true;
      roomMade?.();
      // The pull in progress finishes first; its item is dropped.
      void iterator.return?.(undefined).catch(() => undefined);
    }
  }
}
