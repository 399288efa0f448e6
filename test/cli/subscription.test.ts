import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { openDatabase } from '../../src/store/index.ts';
import { findSubscription } from '../../src/store/operations/webhook-subscriptions.ts';
import { FIXTURE_PLACES } from '../support/fixture.ts';
import { type Run, runIsobar } from '../support/run-isobar.ts';

let dsn: string;
let dir: string;

/** `isobar …` as a person runs it, against this file's own on-disk PGlite. */
const isobar = (...args: string[]): Promise<Run> =>
  runIsobar(args, { DATABASE_URL: dsn, WEBHOOK_ALLOW: '127.0.0.1' });

// Each run starts a Node process: a second or more apiece on a busy machine.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'isobar-subscription-'));
  dsn = `pglite:${dir}`;
  expect((await isobar('migrate')).code).toBe(0);
  const db = await openDatabase(dsn);
  try {
    await loadCatalog(db, FIXTURE_PLACES, { regions: [] });
  } finally {
    await db.close();
  }
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('isobar subscription', () => {
  it('creates a subscription, shows its secret once, lists, enables and deletes it', async () => {
    const created = await isobar(
      'subscription',
      'create',
      '--url',
      'http://127.0.0.1:9/hook',
      '--place',
      'fr/paris',
      '--country',
      'no',
    );
    expect(created.stderr).toMatch(/for FR\/Paris, NO\. Copy the secret now/);
    expect(created.code).toBe(0);
    const [id, secret] = created.stdout.trim().split(' ');
    expect(id).toBe('1');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const list = await isobar('subscription', 'list');
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+URL\s+PLACES\s+CREATED\s+STATE\s+FAILURES\s+LAST DELIVERY/);
    expect(lines[1]).toMatch(
      /^1\s+http:\/\/127\.0\.0\.1:9\/hook\s+FR\/Paris,NO\s+\S+Z\s+enabled\s+0\s+-\s+-$/,
    );
    expect(list.stdout).not.toContain(secret!.slice(6));

    // The secret printed is the one stored, which signs deliveries.
    const db = await openDatabase(dsn);
    try {
      expect((await findSubscription(db, 1))!.secret).toBe(secret!.slice(6));
    } finally {
      await db.close();
    }

    expect(await isobar('subscription', 'enable', '1')).toMatchObject({
      code: 0,
      stdout: 'enabled subscription 1\n',
    });
    expect(await isobar('subscription', 'delete', '1')).toMatchObject({
      code: 0,
      stdout: 'deleted subscription 1\n',
    });
    expect(await isobar('subscription', 'delete', '1')).toMatchObject({
      code: 1,
      stderr: 'isobar: no subscription with id 1\n',
    });
  }, 180_000);

  it.each([
    [
      ['subscription', 'create', '--url', 'http://10.1.2.3/hook', '--country', 'NO'],
      /^isobar: refused http:\/\/10\.1\.2\.3\/hook: 10\.1\.2\.3 is a private, loopback or otherwise special-purpose address; WEBHOOK_ALLOW does not list it\n$/,
    ],
    [
      ['subscription', 'create', '--url', 'https://[::1]/hook', '--country', 'NO'],
      /^isobar: refused https:\/\/\[::1\]\/hook: ::1 is a private, loopback/,
    ],
    [
      ['subscription', 'create', '--url', 'http://127.0.0.1:9/', '--place', 'GB/Atlantis'],
      /^isobar: no place "GB\/Atlantis" in the catalog/,
    ],
  ])('refuses %j with exit code 1', { timeout: 60_000 }, async (args, message) => {
    const run = await isobar(...args);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  });

  it.each([
    [['subscription', 'create', '--country', 'NO'], /^isobar: subscription create needs --url URL/],
    [
      ['subscription', 'create', '--url', 'ftp://example.com/x', '--country', 'NO'],
      /^isobar: --url must be an http or https URL, not "ftp:\/\/example\.com\/x"/,
    ],
    [
      ['subscription', 'create', '--url', 'https://example.com/x'],
      /^isobar: subscription create needs --place CC\/Name or --country CC/,
    ],
    [
      ['subscription', 'create', '--url', 'https://example.com/x', '--place', 'London'],
      /^isobar: --place must be a place such as GB\/London, not "London"/,
    ],
    [
      ['subscription', 'create', '--url', 'https://example.com/x', '--country', 'Norway'],
      /^isobar: --country must be a two-letter country code such as NO, not "Norway"/,
    ],
    [['subscription', 'delete'], /^isobar: missing required argument 'id'/],
    [['subscription', 'enable', 'x'], /^isobar: subscription enable needs one subscription id/],
    [['subscription', 'list', '--url', 'x'], /^isobar: unknown option '--url'/],
  ])('refuses %j with one line and exit code 2', { timeout: 60_000 }, async (args, message) => {
    const run = await isobar(...args);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });
});
