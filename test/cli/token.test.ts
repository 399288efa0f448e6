import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/domain/tokens.ts';
import { openDatabase } from '../../src/store/index.ts';
import { findActiveToken } from '../../src/store/operations/token-rows.ts';
import { type Run, runIsobar } from '../support/run-isobar.ts';

let dsn: string;
let dir: string;

/** `isobar …` as a person runs it, against this file's own on-disk PGlite. */
const isobar = (...args: string[]): Promise<Run> => runIsobar(args, { DATABASE_URL: dsn });

// Each run starts a Node process: a second or more apiece on a busy machine.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'isobar-token-'));
  dsn = `pglite:${dir}`;
  expect((await isobar('migrate')).code).toBe(0);
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('isobar token', () => {
  it('creates a token, shows it once, lists it without it and revokes it', async () => {
    const created = await isobar('token', 'create', '--name', 'ci-writer', '--scope', 'write');
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^isb_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/only its hash and cannot show it again/);

    const again = await isobar('token', 'create', '--name', 'ci-writer', '--scope', 'purge');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/"ci-writer" is active already/);

    const list = await isobar('token', 'list');
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+SCOPE\s+CREATED\s+LAST USED\s+REVOKED$/);
    expect(lines[1]).toMatch(/^1\s+ci-writer\s+write\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+-\s+-$/);
    expect(list.stdout).not.toContain(token);
    expect(list.stdout).not.toContain(hashToken(token));

    // The token printed is the one stored, by its hash only.
    const db = await openDatabase(dsn);
    try {
      expect(await findActiveToken(db, hashToken(token))).toMatchObject({ name: 'ci-writer' });
    } finally {
      await db.close();
    }

    const revoked = await isobar('token', 'revoke', 'ci-writer');
    expect(revoked).toMatchObject({ code: 0, stdout: 'revoked token 1 "ci-writer" (write)\n' });
    const twice = await isobar('token', 'revoke', '1');
    expect(twice).toMatchObject({ code: 1, stderr: 'isobar: no active token with id 1\n' });
    const after = (await isobar('token', 'list')).stdout.trimEnd().split('\n');
    expect(after[1]).toMatch(/^1\s+ci-writer\s+write\s+\S+\s+-\s+\d{4}-\d\d-\d\dT\S+Z$/);
  }, 180_000);

  // Each argument check is tested in src/cli/commands/token-command.test.ts; these check the wiring of main.ts.
  it.each([
    [['token', 'create', '--scope', 'write'], /^isobar: token create needs --name NAME\n$/],
    [['token', 'create', '--name', 'x', '--scope', 'root'], /^isobar: unknown scope "root"/],
    [
      ['token', 'create', '--nmae', 'x'],
      /^isobar: unknown option '--nmae' \(Did you mean --name\?\)/,
    ],
    [['token', 'list', '--scope', 'write'], /^isobar: unknown option '--scope'/],
    [['token', 'revoke'], /^isobar: missing required argument 'id\|name'/],
  ])('refuses %j with one line and exit code 2', { timeout: 60_000 }, async (args, message) => {
    const run = await isobar(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });
});
