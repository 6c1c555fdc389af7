import { describe, expect, it } from 'vitest';
import { createMemoryRateLimits } from './memory.js';
import { defaultLimitRules } from './port.js';

describe('rate limits in memory', () => {
  it('allows the rule’s requests per key, then refuses with the time to wait', async () => {
    const limits = createMemoryRateLimits({ ...defaultLimitRules, bot: { points: 3, windowSeconds: 60 } });
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await limits.consume('bot', 'bot-a'));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false, false]);
    // Only the first refusal of the window says so, for callers that log a limit being reached once.
    expect(decisions.map((decision) => decision.firstRefusal)).toEqual([false, false, false, true, false]);
    expect(decisions[0]).toMatchObject({ limit: 3, remaining: 2 });
    expect(decisions[3]!.resetMs).toBeGreaterThan(55_000);
    // Another key, and another rule for the same key, count apart.
    expect((await limits.consume('bot', 'bot-b')).allowed).toBe(true);
    expect((await limits.consume('ip', 'bot-a')).allowed).toBe(true);
  });

  it('peeks without counting', async () => {
    const limits = createMemoryRateLimits({
      ...defaultLimitRules,
      failedAuth: { points: 2, windowSeconds: 60 },
    });
    expect(await limits.peek('failedAuth', '10.0.0.1')).toMatchObject({ allowed: true, remaining: 2 });
    await limits.consume('failedAuth', '10.0.0.1');
    await limits.consume('failedAuth', '10.0.0.1');
    expect(await limits.peek('failedAuth', '10.0.0.1')).toMatchObject({ allowed: false, remaining: 0 });
  });
});
