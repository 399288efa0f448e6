import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { othersCanEnter } from '../../../test/support/other-users.ts';
import { instantArray, numberArray, textArray } from '../array-parameters.ts';
import { copyTarget, type Database, statement } from '../database.ts';
import { LOCK_FILE } from '../directory-lock.ts';
import { openDatabase } from '../open-database.ts';
import { createSessionGate } from './session-gate.ts';
import { sharePglite } from './socket-server.ts';

// A serving process and a command beside it, here in one process: the command's handle reaches
// the shared database through the socket exactly as another process's would.
let dir: string;
let dsn: string;
let server: Database;
let socketDir: string;

const createT = statement('t_create', 'CREATE TABLE t (v int PRIMARY KEY)');
const insertT = statement('t_insert', 'INSERT INTO t VALUES ($1)');
const valuesT = statement('t_values', 'SELECT v FROM t ORDER BY v');
const notify = statement('t_notify', "SELECT pg_notify('isobar_places', $1)");
const values = async (db: Database) => (await db.all<{ v: number }>(valuesT)).map((r) => r.v);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'isobar-shared-'));
  chmodSync(dir, 0o755); // readable by all: the socket's own folder must be what keeps others out
  cpSync(inject('pgliteTemplate'), join(dir, 'data'), { recursive: true });
  dsn = `pglite:${join(dir, 'data')}`;
  server = await openDatabase(dsn, { share: true });
  await server.run(createT);
  socketDir = JSON.parse(readFileSync(join(dir, 'data', LOCK_FILE), 'utf8')).socket;
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A bare node-postgres client on the socket, for what the store's handle never does. */
async function rawClient(): Promise<pg.Client> {
  const client = new pg.Client({ host: socketDir, port: 5432, user: 'postgres' });
  client.on('error', () => {});
  await client.connect();
  return client;
}

describe('a PGlite directory shared by its serving process', () => {
  it('is reached through the socket by another opener, which sees and makes the same rows', async () => {
    const command = await openDatabase(dsn);
    try {
      expect(command.driver).toBe('pg');
      await command.run(insertT, [1]);
      expect(await values(server)).toEqual([1]);
      await expect(command.listen('isobar_places', { message() {}, gap() {} })).rejects.toThrow(
        /LISTEN is not available/,
      );
    } finally {
      await command.close();
    }
  });

  it("never runs the server's statements inside a client's transaction, nor the reverse", async () => {
    const command = await openDatabase(dsn);
    try {
      let insideClient!: () => void;
      const clientInside = new Promise<void>((resolve) => (insideClient = resolve));
      let letClientGo!: () => void;
      const clientMayGo = new Promise<void>((resolve) => (letClientGo = resolve));
      const rolledBack = command
        .transaction(async (tx) => {
          await tx.run(insertT, [1]);
          insideClient();
          await clientMayGo;
          throw new Error('roll back');
        })
        .catch((err: Error) => err.message);
      await clientInside;
      // The server's write waits for the client's transaction to end instead of joining it.
      const serverWrite = server.run(insertT, [2]);
      letClientGo();
      expect(await rolledBack).toBe('roll back');
      await serverWrite;
      expect(await values(server)).toEqual([2]);

      // And a client's autocommit statement waits for a server transaction to end.
      let clientWrite: Promise<unknown> | undefined;
      await expect(
        server.transaction(async (tx) => {
          await tx.run(insertT, [3]);
          clientWrite = command.run(insertT, [4]);
          throw new Error('server rolls back');
        }),
      ).rejects.toThrow('server rolls back');
      await clientWrite;
      expect(await values(server)).toEqual([2, 4]);
    } finally {
      await command.close();
    }
  });

  it('hands the NOTIFYs a client commits to the server’s listeners, and not those it rolls back', async () => {
    const heard: string[] = [];
    let heardCommitted!: () => void;
    const committed = new Promise<void>((resolve) => (heardCommitted = resolve));
    await server.listen('isobar_places', {
      message: (payload) => {
        heard.push(payload);
        if (payload === 'committed') heardCommitted();
      },
      gap() {},
    });
    const command = await openDatabase(dsn);
    try {
      await expect(
        command.transaction(async (tx) => {
          await tx.run(notify, ['rolled back']);
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      await command.transaction((tx) => tx.run(notify, ['committed']));
      await committed;
      expect(heard).toEqual(['committed']);
    } finally {
      await command.close();
    }
  });

  it('rolls back what a client that vanished inside a transaction left open', async () => {
    const client = await rawClient();
    await client.query('BEGIN');
    await client.query('INSERT INTO t VALUES (1)');
    // Gone without COMMIT or Terminate, as a killed command would be.
    (
      client as unknown as { connection: { stream: { destroy(): void } } }
    ).connection.stream.destroy();
    // The server's statement waits for the session's end, then finds nothing of it.
    await server.run(insertT, [2]);
    expect(await values(server)).toEqual([2]);
  });

  it('never commits half a pipeline a client sent without its Sync', async () => {
    const socket = connect(join(socketDir, '.s.PGSQL.5432'));
    socket.on('error', () => {}); // the server may reset it on its way out
    await new Promise((resolve) => socket.once('connect', resolve));
    const startupBody = Buffer.from('user\0postgres\0database\0postgres\0\0');
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + startupBody.length, 0);
    startup.writeInt32BE(196608, 4);
    const typed = (type: string, body: Buffer) => {
      const head = Buffer.alloc(5);
      head.write(type, 0);
      head.writeInt32BE(4 + body.length, 1);
      return Buffer.concat([head, body]);
    };
    const parse = typed('P', Buffer.from('\0INSERT INTO t VALUES (7)\0\0\0'));
    const bind = typed('B', Buffer.alloc(8)); // unnamed portal and statement, no parameters
    const execute = typed('E', Buffer.from([0, 0, 0, 0, 0]));
    let answered = Buffer.alloc(0);
    const executed = new Promise<void>((resolve) =>
      socket.on('data', (chunk: Buffer) => {
        answered = Buffer.concat([answered, chunk]);
        // CommandComplete for the INSERT: the row is in, not yet committed.
        if (answered.includes(Buffer.from('INSERT 0 1'))) resolve();
      }),
    );
    socket.write(Buffer.concat([startup, startupBody, parse, bind, execute]));
    await executed;
    socket.destroy(); // gone before its Sync, which would have committed the row
    await server.run(insertT, [2]);
    expect(await values(server)).toEqual([2]);
  });

  it('copies rows through the socket as one JSON parameter, since COPY cannot pass it', async () => {
    const command = await openDatabase(dsn);
    try {
      const target = copyTarget('t_copy', 't_copy', ['n', 'label', 'at']);
      const rows = [
        [1, 'tab\there,\nline', null],
        [2, 'Zürich', new Date('2026-06-01T10:00:00Z')],
      ];
      await command.run(
        statement('t_copy_create', 'CREATE TABLE t_copy (n int, label text, at timestamptz)'),
      );
      expect(await command.transaction((tx) => tx.copyFrom(target, rows))).toBe(2);
      expect(await server.all(statement('t_copy_read', 'SELECT * FROM t_copy ORDER BY n'))).toEqual(
        [
          { n: 1, label: rows[0]![1], at: null },
          { n: 2, label: rows[1]![1], at: rows[1]![2] },
        ],
      );
    } finally {
      await command.close();
    }
  });

  it("takes arrays through the socket in Postgres' binary format, as a server does", async () => {
    const command = await openDatabase(dsn);
    try {
      const at = [new Date('2026-06-01T10:00:00Z'), new Date('1850-01-01T00:00:00.001Z')];
      const row = await command.one(
        statement(
          't_arrays',
          'SELECT $1::real[] AS reals, $2::smallint[] AS smalls, $3::timestamptz[] AS times, $4::text[] AS texts',
        ),
        [
          numberArray('float4', [1.5, null, -2]),
          numberArray('int2', [-32768, 7]),
          instantArray(at),
          textArray(['Zürich', null, 'a"b']),
        ],
      );
      expect(row).toEqual({
        reals: [1.5, null, -2],
        smalls: [-32768, 7],
        times: at,
        texts: ['Zürich', null, 'a"b'],
      });
    } finally {
      await command.close();
    }
  });

  it('forgets the statements a client prepared by name once it leaves', async () => {
    const first = await rawClient();
    await first.query({ name: 'same_name', text: 'SELECT $1::int AS n', values: [1] });
    await first.end();
    const second = await rawClient();
    try {
      const res = await second.query({
        name: 'same_name',
        text: 'SELECT $1::int + 1 AS n',
        values: [1],
      });
      expect(res.rows).toEqual([{ n: 2 }]);
    } finally {
      await second.end();
    }
  });

  it('keeps its socket to its own user: a private folder and an owner-only socket', () => {
    expect(socketDir).toBe(join(dir, 'data', '.isobar-socket'));
    expect(statSync(socketDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(socketDir, '.s.PGSQL.5432')).mode & 0o777).toBe(0o600);
  });

  it.skipIf(process.getuid?.() !== 0)('refuses another user of the machine', (ctx) => {
    // Run as nobody, who must be able to reach the Node binary (a fresh clone in a private
    // mktemp directory, with Node installed inside it, is out of its reach).
    if (!othersCanEnter(dirname(process.execPath))) {
      console.warn(`[isobar tests] ${process.execPath} is closed to other users: not run`);
      ctx.skip();
    }
    const path = join(socketDir, '.s.PGSQL.5432');
    const attempt = spawnSync(
      process.execPath,
      [
        '-e',
        `require('net').connect(${JSON.stringify(path)}).on('connect', () => { console.log('connected'); process.exit(0) }).on('error', (e) => { console.log(e.code); process.exit(1) })`,
      ],
      { uid: 65534, gid: 65534, encoding: 'utf8' },
    );
    expect(attempt.stdout.trim()).toBe('EACCES');
  });
});

describe('a client that holds the shared database and falls silent', () => {
  it('is disconnected after the hold limit: its transaction rolled back, the server going on', async () => {
    const pglite = await PGlite.create();
    const shareDir = mkdtempSync(join(tmpdir(), 'isobar-hold-'));
    const gate = createSessionGate();
    const shared = await sharePglite({
      pglite,
      gate,
      dataDir: shareDir,
      notify: () => {},
      holdLimitMs: 300,
    });
    try {
      await pglite.exec('CREATE TABLE held (v int)');
      const client = new pg.Client({ host: shared.directory, port: 5432, user: 'postgres' });
      const ended = new Promise<void>((resolve) => client.on('end', () => resolve()));
      client.on('error', () => {});
      await client.connect();
      await client.query('BEGIN');
      await client.query('INSERT INTO held VALUES (1)');
      // The client now holds the gate and says nothing more: the server's own statement waits
      // for it until the limit, then runs, and the client's insert was never committed.
      const serverRead = gate.run(() =>
        pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM held'),
      );
      await ended;
      expect((await serverRead).rows[0]!.n).toBe(0);
    } finally {
      await shared.close();
      await pglite.close();
      rmSync(shareDir, { recursive: true, force: true });
    }
  });
});
