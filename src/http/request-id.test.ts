import { describe, expect, it } from 'vitest';
import { newRequestId } from './request-id.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newRequestId', () => {
  it('gives random version-4 UUIDs, none twice, across batches', () => {
    // Three batches and a bit: the ids made after a refill are as good as the first ones.
    const ids = Array.from({ length: 3 * 1024 + 7 }, newRequestId);
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('spreads its digits as randomness does', () => {
    // Every hex digit turns up in the random positions (a stuck byte or a table off by one
    // would leave some out), and the variant digit takes all four of its values.
    const ids = Array.from({ length: 2048 }, newRequestId);
    const digits = new Set(ids.flatMap((id) => [...id.slice(0, 8)]));
    expect(digits.size).toBe(16);
    expect(new Set(ids.map((id) => id[19])).size).toBe(4);
    const last = new Set(ids.map((id) => id.slice(24)));
    expect(last.size).toBe(ids.length);
  });
});
