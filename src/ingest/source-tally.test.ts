import { describe, expect, it } from 'vitest';
import { storedBySource, tallyBySource } from './source-tally.ts';

const at = (h: number) => new Date(Date.UTC(2026, 11, 7, h));

describe('tallyBySource', () => {
  it('counts each source, interleaved or not, with its newest data time', () => {
    const rows = [
      { source: 'b', at: at(3) },
      { source: 'a', at: at(1) },
      { source: 'a', at: null },
      { source: 'b', at: at(9) },
      { source: 'a', at: at(2) },
      { source: 'c', at: null },
    ];
    const stored = storedBySource(
      rows,
      (r) => r.source,
      (r) => r.at,
    );
    expect(stored).toEqual([
      { source: 'b', rows: 2, newest: at(9) },
      { source: 'a', rows: 3, newest: at(2) },
      { source: 'c', rows: 1, newest: null },
    ]);
    expect(
      tallyBySource({
        sources: ['a', 'b', 'x'],
        rejected: [2],
        stored,
        written: [{ source: 'a', inserted: 2, replaced: 1 }],
      }),
    ).toEqual([
      { source: 'a', inserted: 2, replaced: 1, unchanged: 0, rejected: 0, newest: at(2) },
      { source: 'b', inserted: 0, replaced: 0, unchanged: 2, rejected: 0, newest: at(9) },
      { source: 'c', inserted: 0, replaced: 0, unchanged: 1, rejected: 0, newest: null },
      { source: 'x', inserted: 0, replaced: 0, unchanged: 0, rejected: 1, newest: null },
    ]);
  });
});
