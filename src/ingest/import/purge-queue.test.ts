import { describe, expect, it } from 'vitest';
import type { Changes } from '../write.ts';
import { createPurgeQueue } from './purge-queue.ts';

describe('createPurgeQueue', () => {
  it('sends one purge at a time, merging what arrives meanwhile', async () => {
    const sent: Changes[] = [];
    let release = () => {};
    const purger = {
      purge: (changes: Changes) => {
        sent.push(changes);
        return new Promise<void>((resolve) => (release = resolve));
      },
    };
    const queue = createPurgeQueue(purger);
    queue.add({ places: ['GB/London'], days: [{ place: 'GB/London', date: '2026-01-01' }] });
    queue.add({ places: ['FR/Paris'], days: [{ place: 'FR/Paris', date: '2026-01-01' }] });
    queue.add({
      places: ['FR/Paris', 'GB/London'],
      days: [{ place: 'FR/Paris', date: '2026-01-01' }],
    });
    expect(sent).toHaveLength(1);
    const drained = queue.drain();
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toHaveLength(2);
    release();
    await drained;
    expect(sent).toEqual([
      { places: ['GB/London'], days: [{ place: 'GB/London', date: '2026-01-01' }] },
      {
        places: ['FR/Paris', 'GB/London'],
        days: [{ place: 'FR/Paris', date: '2026-01-01' }],
      },
    ]);
  });

  it('sends nothing for changes without places, and drains at once', async () => {
    const sent: Changes[] = [];
    const queue = createPurgeQueue({ purge: async (c) => void sent.push(c) });
    queue.add({ places: [], days: [] });
    await queue.drain();
    expect(sent).toEqual([]);
  });
});
