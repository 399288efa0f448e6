import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env.ts';
import { purgersFrom } from './edge-command.ts';

const log = { warn: () => {} };

describe('the caches downstream a configuration names', () => {
  it('are none without EDGE_URL (which needs PURGE_SECRET), and the edge with it', () => {
    expect(purgersFrom(loadConfig({}), log)).toEqual([]);
    const both = loadConfig({ EDGE_URL: 'https://isobar.example', PURGE_SECRET: 's'.repeat(16) });
    expect(purgersFrom(both, log)).toHaveLength(1);
  });
});
