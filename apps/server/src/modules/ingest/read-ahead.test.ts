import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.js';

async function* numbers(count: number, gapMs = 1, failAfter?: number) {
  for (let n = 1; n <= count; n += 1) {
    await sleep(gapMs);
    if (n === failAfter) throw new Error(`failed at ${n}`);
    yield n;
  }
}

describe('readAhead', () => {
  it('yields every item once, in order, batching those that arrived while the consumer was busy', async () => {
    const batches: number[][] = [];
    for await (const batch of readAhead(numbers(20), 8)) {
      batches.push(batch);
      await sleep(15);
    }
    expect(batches.flat()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(batches.length).toBeLessThan(20);
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(8);
  });

  it('waits briefly for a fuller batch when the consumer is quicker than the source', async () => {
    const batches: number[][] = [];
    for await (const batch of readAhead(numbers(12, 5), 8, { items: 4, ms: 500 })) batches.push(batch);
    expect(batches.flat()).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(batches.map((batch) => batch.length)).toEqual([4, 4, 4]);
  });

  it('waits no longer than it was told for a fuller batch', async () => {
    const started = performance.now();
    const batches: number[][] = [];
    for await (const batch of readAhead(numbers(3, 60), 8, { items: 8, ms: 10 })) batches.push(batch);
    expect(batches).toEqual([[1], [2], [3]]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('delivers the items read before an error, then the error', async () => {
    const seen: number[] = [];
    const reading = (async () => {
      for await (const batch of readAhead(numbers(10, 1, 4), 8)) seen.push(...batch);
    })();
    await expect(reading).rejects.toThrow('failed at 4');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops the source when the consumer stops early', async () => {
    let finished = false;
    async function* endless() {
      try {
        for (let n = 0; ; n += 1) {
          await sleep(1);
          yield n;
        }
      } finally {
        finished = true;
      }
    }
    for await (const batch of readAhead(endless(), 4)) if (batch.length > 0) break;
    await expect.poll(() => finished).toBe(true);
  });
});
