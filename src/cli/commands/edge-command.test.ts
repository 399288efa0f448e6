import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env.ts';
import { purgersFrom } from './edge-command.ts';

const log = { warn: () => {} };

describe('the caches downstream a configuration names', () => {
  it('are none unset, then Cloudflare (zone and token) and the Varnishes, by name', () => {
    expect(purgersFrom(loadConfig({}), log)).toEqual([]);
    const both = loadConfig({
      CF_ZONE_ID: '0123456789abcdef0123456789abcdef',
      CF_API_TOKEN: 't'.repeat(40),
      VARNISH_URLS: 'http://user:secret@10.0.0.5:6081,http://10.0.0.6:6081',
    });
    expect(purgersFrom(both, log).map((p) => p.name)).toEqual([
      'Cloudflare zone 0123456789abcdef0123456789abcdef',
      'Varnish at 10.0.0.5:6081, 10.0.0.6:6081',
    ]);
  });
});
