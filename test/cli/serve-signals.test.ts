import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { drivers, useMigratedDatabase } from '../support/databases.ts';
import { FIXTURE_PLACES } from '../support/fixture.ts';
import { exited, type ServeProcess, serveProcess } from '../support/serve-process.ts';

// How `isobar serve` takes the signals that stop it. Under `npm start` (the README's command, and
// its systemd unit's) one stop arrives twice: the terminal's Ctrl-C or systemd's SIGTERM reaches
// the whole process group, and npm forwards what it got. Found by the install matrix
// (test/matrix), where `npm start` ended with 1, "exiting without waiting", instead of 0.
const postgres = drivers[1]!;

describe.skipIf(postgres.skip)('isobar serve and the signals that stop it', () => {
  const t = useMigratedDatabase(postgres);
  let origin: ServeProcess | undefined;
  let said = '';

  beforeAll(() => loadCatalog(t().db, FIXTURE_PLACES));
  afterEach(async () => {
    if (origin && origin.child.exitCode === null) origin.child.kill('SIGKILL');
    if (origin) await exited(origin.child);
  });

  async function start() {
    origin = await serveProcess(t().dsn);
    said = '';
    origin.child.stderr!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
    });
    expect((await fetch(`${origin.base}/healthz`)).status).toBe(200);
    return origin.child;
  }

  /** A request whose headers never end: in flight until the grace runs out. */
  async function requestInFlight(base: string) {
    const { port } = new URL(base);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    socket.on('error', () => {});
    return socket;
  }

  it('takes one stop delivered twice at once as one stop: shuts down in order, exits 0', {
    timeout: 60_000,
  }, async () => {
    const child = await start();
    child.kill('SIGTERM');
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(said).toMatch(/SIGTERM: shutting down/);
    expect(said).not.toMatch(/exiting without waiting/);
  });

  it('takes a second stop asked later as "now" while a request holds the first one', {
    timeout: 60_000,
  }, async () => {
    const child = await start();
    const socket = await requestInFlight(origin!.base);
    child.kill('SIGINT');
    // Later than one stop delivered twice: an operator asking again.
    await sleep(1_500);
    expect(child.exitCode).toBeNull();
    child.kill('SIGINT');
    expect(await exited(child)).toBe(1);
    expect(said).toMatch(/SIGINT: exiting without waiting/);
    socket.destroy();
  });
});
