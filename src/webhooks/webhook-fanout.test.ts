import { describe, expect, it } from 'vitest';
import { webhookMessageId } from '../domain/webhook-signature.ts';
import type { FeedEntry } from '../store/operations/change-feed.ts';
import { webhookJobs } from './webhook-fanout.ts';

const at = new Date('2026-11-22T10:15:00Z');
const entry = (seq: number, places: string[]): FeedEntry => ({
  seq,
  at,
  reason: 'write',
  places,
  days: places.flatMap((place) => [
    { place, date: '2026-11-21' },
    { place, date: '2026-11-22' },
  ]),
});
const sub = (id: number, places: string[], countries: string[], afterSeq = 0) => ({
  id,
  places,
  countries,
  afterSeq,
});

describe('webhookJobs', () => {
  it('makes one job per subscription and entry that touches it, with only its places and days', () => {
    const jobs = webhookJobs(
      [sub(1, ['GB/London'], []), sub(2, [], ['NO']), sub(3, ['FR/Paris'], [])],
      [entry(7, ['GB/London', 'NO/Oslo', 'NO/Tromso', 'DE/Munchen'])],
    );
    expect(jobs.map((j) => j.data.subscription)).toEqual([1, 2]);
    expect(jobs[0]!.id).toBe(webhookMessageId(1, 7));
    const body = JSON.parse(jobs[1]!.data.body);
    expect(body).toEqual({
      type: 'places.changed',
      timestamp: '2026-11-22T10:15:00.000Z',
      data: {
        cursor: '7',
        at: '2026-11-22T10:15:00.000Z',
        reason: 'write',
        places: [
          { place: 'NO/Oslo', uri: '/NO/Oslo', days: ['2026-11-21', '2026-11-22'] },
          { place: 'NO/Tromso', uri: '/NO/Tromso', days: ['2026-11-21', '2026-11-22'] },
        ],
      },
    });
  });

  it('pushes nothing from before a subscription was created', () => {
    const jobs = webhookJobs(
      [sub(4, ['GB/London'], [], 8)],
      [entry(8, ['GB/London']), entry(9, ['GB/London'])],
    );
    expect(jobs.map((j) => j.id)).toEqual([webhookMessageId(4, 9)]);
  });
});

describe('webhookMessageId', () => {
  it('is a UUID, the same for one subscription and entry, different for any other', () => {
    const id = webhookMessageId(1, 7);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(webhookMessageId(1, 7)).toBe(id);
    expect(new Set([id, webhookMessageId(1, 8), webhookMessageId(2, 7)]).size).toBe(3);
  });
});
