import { describe, expect, it } from 'vitest';
import { trimToBudget } from './conversation-store.js';

describe('trimToBudget', () => {
  it('keeps the newest turns that fit and cuts the one that crosses the budget', () => {
    const turns = [
      { role: 'user' as const, content: 'a'.repeat(20) },
      { role: 'assistant' as const, content: 'b'.repeat(40) },
      { role: 'user' as const, content: 'c'.repeat(400) },
    ];
    const kept = trimToBudget(turns, 20);
    expect(kept.map((turn) => turn.content.length)).toEqual([20, 40, 21]);
    expect(kept[2]!.content.endsWith('…')).toBe(true);
  });
});
