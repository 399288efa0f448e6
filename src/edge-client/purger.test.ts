import { describe, expect, it } from 'vitest';
import type { PurgeTargets } from '../contract/purge-request.ts';
import { EdgePurgeError } from './purge-client.ts';
import { createPurger } from './purger.ts';

const changes = { places: ['GB/London'], days: [{ place: 'GB/London', date: '2026-11-01' }] };

function setup(failures: (Error | undefined)[]) {
  const sent: PurgeTargets[] = [];
  const counted: string[] = [];
  const waits: number[] = [];
  const warnings: string[] = [];
  const purger = createPurger({
    client: {
      async purge(targets) {
        sent.push(targets);
        const failure = failures.shift();
        if (failure) throw failure;
        return { purged: 1, keys: 1 };
      },
    },
    log: { warn: (_, message) => warnings.push(message) },
    count: (result) => counted.push(result),
    sleep: async (ms) => void waits.push(ms),
  });
  return { purger, sent, counted, waits, warnings };
}

describe('the edge purger', () => {
  it('purges every URI of the changed places and their day pages', async () => {
    const { purger, sent, counted } = setup([]);
    await purger.purge(changes);
    expect(sent).toEqual([
      {
        places: ['GB/London'],
        uris: ['/GB/London/2026-11-01', '/GB/London/2026-11-01.json', '/GB/London/2026-11-01.txt'],
      },
    ]);
    expect(counted).toEqual(['ok']);
  });

  it('retries with growing waits, then gives up, logs, counts and rejects', async () => {
    const down = new Error('connect ECONNREFUSED');
    const { purger, sent, counted, waits, warnings } = setup([
      down,
      new EdgePurgeError('busy', 503),
      down,
      down,
    ]);
    // The change log keeps the change and tries it again later (src/changes/delivery.ts).
    await expect(purger.purge(changes)).rejects.toThrow('connect ECONNREFUSED');
    expect(sent).toHaveLength(4);
    expect(waits).toEqual([500, 2000, 8000]);
    expect(counted).toEqual(['failed']);
    expect(warnings).toEqual(['edge purge failed']);
  });

  it('succeeds on a retry after a rate limit, but does not retry a refusal', async () => {
    const limited = setup([new EdgePurgeError('slow down', 429)]);
    await limited.purger.purge(changes);
    expect(limited.counted).toEqual(['ok']);
    const refused = setup([new EdgePurgeError('bad signature', 401)]);
    await expect(refused.purger.purge(changes)).rejects.toThrow('bad signature');
    expect(refused.sent).toHaveLength(1);
    expect(refused.counted).toEqual(['failed']);
  });

  it('sends nothing without places', async () => {
    const { purger, sent } = setup([]);
    await purger.purge({ places: [], days: [] });
    expect(sent).toEqual([]);
  });
});
