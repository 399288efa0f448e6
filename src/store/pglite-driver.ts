import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { arrayLiteral, writeArrays } from './array-parameters.ts';
import { copyText } from './copy-text.ts';
import { checkChannel, type Database, type QueryObserver } from './database.ts';
import { lockDirectory } from './directory-lock.ts';
import { type Connection, createQueryable } from './queryable.ts';
import { createSessionGate, type SessionGate } from './shared-pglite/session-gate.ts';
import { type SharedPglite, sharePglite } from './shared-pglite/socket-server.ts';

/**
 * Postgres settings for the embedded database, after PGlite's own. shared_buffers: PGlite's
 * default (128 MB, Postgres's) sits in the WebAssembly memory for the process's life and is most
 * of what an open PGlite holds (RSS 328 MB against 223 MB with 32 MB, opened on the catalog and
 * read from); the pages it no longer caches stay in the operating system's file cache, which
 * other processes share. The memory goal (README, `npm run bench:memory`) is why.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

function connection(target: PGlite | Transaction, gate: SessionGate | undefined): Connection {
  // Inside a transaction the gate is held already, by the transaction.
  const gated = <T>(fn: () => Promise<T>) => (gate ? gate.run(fn) : fn());
  return {
    async query(text, params, arrayRows) {
      const res = await gated(() =>
        target.query(
          text,
          writeArrays(params, arrayLiteral),
          arrayRows ? { rowMode: 'array' } : undefined,
        ),
      );
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
    },
    async copyIn(table, columns, rows) {
      // PGlite reads COPY's input from a Blob given with the query, named '/dev/blob'.
      const blob = new Blob([copyText(rows)]);
      const text = `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`;
      const res = await gated(() => target.query(text, [], { blob }));
      return res.affectedRows ?? 0;
    },
    begin(fn) {
      if (!('transaction' in target)) throw new Error('nested begin inside a PGlite transaction');
      return gated(() => (target as PGlite).transaction((tx) => fn(connection(tx, undefined))));
    },
  };
}

export interface OpenPgliteOptions {
  /**
   * Serve the directory to this user's other processes on a Unix socket (what `isobar serve`
   * does), so that the CLI works beside it; announced in the directory's lock.
   */
  share?: boolean;
}

/**
 * Embedded PGlite: `pglite:memory` in memory, `pglite:<dir>` on disk. A directory is locked for
 * as long as it is open: a second process on it would corrupt it, so it is refused (StoreRefusal),
 * unless the holder shares it, and then the second process connects to it instead
 * (open-database.ts).
 */
export async function openPglite(
  location: string,
  observe: QueryObserver,
  options: OpenPgliteOptions = {},
): Promise<Database> {
  const inMemory = location === 'memory' || location === '';
  if (!inMemory) mkdirSync(location, { recursive: true });
  const lock = inMemory ? undefined : lockDirectory(location);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? undefined : location, { startParams: START_PARAMS });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const gate = createSessionGate();
  // NOTIFYs committed by socket clients, which PGlite's own listeners never see.
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let shared: SharedPglite | undefined;
  if (options.share && lock) {
    try {
      shared = await sharePglite({
        pglite,
        gate,
        dataDir: location,
        notify: (channel, payload) => {
          for (const fn of listeners.get(channel) ?? []) queueMicrotask(() => fn(payload));
        },
      });
      lock.announce(shared.directory);
    } catch (err) {
      await pglite.close().finally(() => lock.release());
      throw err;
    }
  }
  const conn = connection(pglite, gate);
  return {
    ...createQueryable(conn, observe),
    driver: 'pglite',
    queue: {
      kind: 'embedded',
      query: <T>(text: string, params?: unknown[]) => gate.run(() => pglite.query<T>(text, params)),
      exec: (text) => gate.run(() => pglite.exec(text)),
    },
    // In-process: nothing between the writer and the listener can drop a message.
    listen: async (channel, events) => {
      const name = checkChannel(channel);
      const unlisten = await gate.run(() => pglite.listen(name, events.message));
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set.add(events.message));
      return async () => {
        set.delete(events.message);
        await gate.run(() => unlisten());
      };
    },
    close: async () => {
      try {
        await shared?.close();
        await gate.run(() => pglite.close());
      } finally {
        lock?.release();
      }
    },
  };
}
