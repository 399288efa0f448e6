import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { StoreRefusal } from '../store-refusal.ts';
import { createBackendScanner, type NotificationSink } from './backend-messages.ts';
import { createFrontendReader, type FrontendMessage } from './frontend-messages.ts';
import type { SessionGate } from './session-gate.ts';

// Why this and not @electric-sql/pglite-socket (0.2.18, read before writing this): its queue
// takes only PGlite's query mutex per protocol message, so the serving process's own statements
// (which take the transaction mutex) run between a socket client's BEGIN and COMMIT, inside its
// transaction, and the client's messages run inside the server's transactions; on a client's
// disconnect it sends ROLLBACK whenever PGlite is in a transaction, which may be the server's;
// a NOTIFY a client commits goes out in the client's stream only, so the server's caches never
// hear of it; and it pins @electric-sql/pglite 0.5.15 exactly (we run 0.5.16) with seven
// extension packages as required peers. What it does that we keep: each message is handed to
// PGlite's execProtocolRawStream under runExclusive, and its answer streamed back.

/** node-postgres connects to `<host>/.s.PGSQL.<port>` when host is a directory. */
export const SOCKET_PORT = 5432;
const SOCKET_FILE = `.s.PGSQL.${SOCKET_PORT}`;
/** sun_path holds 108 bytes on Linux (104 on macOS), the NUL included. */
const MAX_SOCKET_PATH = 103;
/** A client holding the database (inside a transaction) and silent this long is disconnected. */
const HOLD_LIMIT_MS = 15_000;

export interface SharedPglite {
  /** The directory holding the socket: a node-postgres `host`. */
  readonly directory: string;
  /** Stops taking connections, ends every session (rolling back what is open), removes the socket. */
  close(): Promise<void>;
}

export interface SharePgliteOptions {
  pglite: PGlite;
  gate: SessionGate;
  /** Told of every NOTIFY a client's session delivers. */
  notify: NotificationSink;
  /** The data directory; the socket goes in a private folder inside it when the path fits. */
  dataDir: string;
  /** How long a client may hold the database silently (default HOLD_LIMIT_MS; tests shorten it). */
  holdLimitMs?: number;
}

/**
 * Serves an open PGlite on a Unix socket to node-postgres clients of this user, one session at a
 * time (the gate): a client's session runs from its first message to the ReadyForQuery that
 * finds the backend idle, while everyone else (the serving process included) waits.
 */
export async function sharePglite(options: SharePgliteOptions): Promise<SharedPglite> {
  const { directory, temporary } = socketDirectory(options.dataDir);
  const path = join(directory, SOCKET_FILE);
  const sockets = new Set<Socket>();
  const endings = new Set<Promise<void>>();
  let closing = false;
  const server = createServer((socket) => {
    if (closing) return socket.destroy();
    sockets.add(socket);
    const ended = serveSession(socket, options);
    endings.add(ended);
    ended.finally(() => {
      sockets.delete(socket);
      endings.delete(ended);
    });
  });
  server.maxConnections = 64;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return {
    directory,
    async close() {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await Promise.all([...endings]);
      await stopped;
      if (temporary) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A private (0700, ours, not a link) folder for the socket; in the temporary folder if the data directory's path is too long. */
function socketDirectory(dataDir: string): { directory: string; temporary: boolean } {
  // Absolute: it is announced in the lock to processes started elsewhere, and node-postgres takes
  // a host as a socket folder only when it begins with `/` (npm start's DATA_DIR is ./data).
  const inside = join(resolve(dataDir), '.isobar-socket');
  if (Buffer.byteLength(join(inside, SOCKET_FILE)) > MAX_SOCKET_PATH) {
    return { directory: mkdtempSync(join(tmpdir(), 'isobar-socket-')), temporary: true };
  }
  mkdirSync(inside, { mode: 0o700, recursive: true });
  const info = lstatSync(inside);
  if (!info.isDirectory() || (process.getuid && info.uid !== process.getuid())) {
    throw new StoreRefusal(
      `${inside} is not a directory of this user's: remove it and start again`,
    );
  }
  chmodSync(inside, 0o700);
  // We hold the data directory's lock: a socket file left here is a dead server's.
  try {
    unlinkSync(join(inside, SOCKET_FILE));
  } catch {
    // None left.
  }
  return { directory: inside, temporary: false };
}

/** A simple-protocol query message. */
function query(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`);
  const head = Buffer.alloc(5);
  head[0] = 0x51; // Q
  head.writeInt32BE(4 + text.length, 1);
  return Buffer.concat([head, text]);
}

/**
 * Ends whatever extended-protocol pipeline a vanished client left: Execute of a portal that does
 * not exist fails (so the pipeline's implicit transaction is rolled back, never committed), and
 * Sync brings the backend back to ReadyForQuery.
 */
const ABANDON_PIPELINE = (() => {
  const portal = Buffer.from('isobar_abandoned_session\0');
  const execute = Buffer.alloc(9 + portal.length);
  execute[0] = 0x45; // E
  execute.writeInt32BE(8 + portal.length, 1);
  portal.copy(execute, 5);
  const sync = Buffer.from([0x53, 0, 0, 0, 4]); // S
  return Buffer.concat([execute, sync]);
})();

/** Runs one client's session until its socket closes; resolves once its traces are cleaned up. */
function serveSession(socket: Socket, options: SharePgliteOptions): Promise<void> {
  const { pglite, gate } = options;
  const reader = createFrontendReader();
  const scanner = createBackendScanner(options.notify);
  let release: (() => void) | undefined;
  let ran = false;
  let holdTimer: NodeJS.Timeout | undefined;
  let chain = Promise.resolve();

  const exec = (bytes: Buffer, onRawData: (data: Uint8Array) => void) =>
    pglite.runExclusive(() => pglite.execProtocolRawStream(bytes, { onRawData }));

  // Every message received runs, even once the client has gone: the cleanup after them knows
  // what they left open.
  const handle = async (message: FrontendMessage) => {
    clearTimeout(holdTimer);
    if (message.kind === 'refuse-encryption') return void socket.write('N');
    if (message.kind === 'cancel' || message.kind === 'terminate') return void socket.end();
    if (!release) release = await gate.acquire();
    ran = true;
    scanner.scan.status = undefined;
    await exec(message.bytes, (data) => {
      scanner.push(data);
      if (!socket.destroyed) socket.write(Buffer.from(data));
    });
    if (scanner.scan.status === 'I') {
      release();
      release = undefined;
    } else {
      holdTimer = setTimeout(() => socket.destroy(), options.holdLimitMs ?? HOLD_LIMIT_MS);
      holdTimer.unref();
    }
  };

  const cleanup = async () => {
    clearTimeout(holdTimer);
    if (!ran && !release) return;
    const held = release ?? (await gate.acquire());
    try {
      const drain = (data: Uint8Array) => scanner.push(data);
      // Only a session that stopped short of idle left anything open.
      if (release) {
        await exec(ABANDON_PIPELINE, drain);
        if (pglite.isInTransaction()) await exec(query('ROLLBACK'), drain);
      }
      // Statements a client prepared by name live in the one backend, not in its session.
      await exec(query('DEALLOCATE ALL'), drain);
    } finally {
      held();
    }
  };

  socket.on('data', (chunk: Buffer) => {
    let messages: FrontendMessage[];
    try {
      messages = reader.push(chunk);
    } catch {
      socket.destroy();
      return;
    }
    for (const m of messages)
      chain = chain.then(() => handle(m)).catch(() => void socket.destroy());
  });
  socket.on('error', () => {}); // followed by 'close'
  return new Promise((resolve) => {
    socket.on('close', () => {
      resolve(chain.then(cleanup).catch(() => {}));
    });
  });
}
