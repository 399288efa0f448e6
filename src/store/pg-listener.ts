import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ListenEvents } from './database.ts';
import { StoreRefusal } from './store-refusal.ts';

/** Where and how the listening connection of a Postgres store runs. */
export interface ListenOptions {
  /** The DSN of the listening connection (DATABASE_LISTEN_URL); unset: the pool's own. */
  url?: string;
  /** How often the heartbeat checks that notifications still arrive (default 30 s). */
  heartbeatMs?: number;
}

/** Sends a notification the way writes do: through the pool. */
export type Notify = (channel: string, payload: string) => Promise<void>;

const DEFAULT_HEARTBEAT_MS = 30_000;
/** How long a committed heartbeat may take to arrive: on a working connection, milliseconds. */
const BEAT_TIMEOUT_MS = 5_000;
const RETRY_MS = [250, 1000, 5000, 15_000];
const CONNECT_TIMEOUT_MS = 10_000;

const WHY =
  'the listening connection must reach the same database directly or through PgBouncer in session mode (transaction mode drops notifications)';

/**
 * A connection of its own that LISTENs on `channel`, reconnecting after a loss and reporting
 * the gap. A heartbeat proves it still hears what writers say: every `heartbeatMs` a NOTIFY is
 * sent through the pool (the path writes announce on) on a channel only this listener hears,
 * and one that has not arrived within BEAT_TIMEOUT_MS after its commit counts as a lost
 * connection. That catches what no socket error reports: a connection through PgBouncer in
 * transaction mode (whose LISTEN went to a server connection that was handed on), a NAT or
 * firewall that dropped the flow, a DATABASE_LISTEN_URL naming another database. At start the
 * first heartbeat must arrive, or the store refuses to listen.
 */
export async function listenPg(
  poolUrl: string,
  notify: Notify,
  channel: string,
  events: ListenEvents,
  options: ListenOptions = {},
): Promise<() => Promise<void>> {
  const url = options.url ?? poolUrl;
  const named = options.url ? 'DATABASE_LISTEN_URL' : 'DATABASE_URL';
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  // Only this listener hears its heartbeats; other origins' listeners never see them.
  const beatChannel = `isobar_beat_${randomBytes(6).toString('hex')}`;
  let client: pg.Client | undefined;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let beatTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let beats = 0;
  /** The heartbeats awaited, by payload. */
  const awaited = new Map<string, () => void>();

  const drop = (c: pg.Client) => {
    // Not awaited: a connection that went silent may never answer a Terminate.
    c.end().catch(() => {});
  };

  /**
   * Sends one heartbeat: true once it arrives, false if it does not in time, 'unsent' if the
   * pool could not send it (the database is unreachable: not this connection's fault, and a
   * loss of its own shows by itself).
   */
  const beat = async (): Promise<boolean | 'unsent'> => {
    const payload = String(++beats);
    const arrival = new Promise<true>((resolve) => awaited.set(payload, () => resolve(true)));
    let timeout: NodeJS.Timeout | undefined;
    try {
      await notify(beatChannel, payload);
      const late = new Promise<false>((resolve) => {
        timeout = setTimeout(() => resolve(false), BEAT_TIMEOUT_MS);
        timeout.unref();
      });
      return await Promise.race([arrival, late]);
    } catch {
      return 'unsent';
    } finally {
      clearTimeout(timeout);
      awaited.delete(payload);
    }
  };

  const scheduleBeat = (c: pg.Client) => {
    beatTimer = setTimeout(async () => {
      if (stopped || client !== c) return;
      const heard = await beat();
      if (stopped || client !== c) return;
      if (heard === false) {
        events.trouble?.(
          `no heartbeat reached the listening connection (${named}) within ${BEAT_TIMEOUT_MS} ms of its NOTIFY: reconnecting; ${WHY}`,
        );
        client = undefined;
        drop(c);
        retry();
        return;
      }
      scheduleBeat(c);
    }, heartbeatMs);
    beatTimer.unref();
  };

  const connect = async (again: boolean) => {
    const c = new pg.Client({
      connectionString: url,
      // Named in pg_stat_activity (a DSN's own application_name wins).
      application_name: 'isobar listen',
      keepAlive: true,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    c.on('notification', (n) => {
      if (n.channel === channel) events.message(n.payload ?? '');
      else if (n.channel === beatChannel) awaited.get(n.payload ?? '')?.();
    });
    let ended = false;
    c.on('error', () => {}); // followed by 'end', which reconnects
    c.on('end', () => {
      ended = true;
      if (!stopped && client === c) {
        clearTimeout(beatTimer);
        retry();
      }
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      await c.query(`LISTEN ${beatChannel}`);
    } catch (err) {
      await c.end().catch(() => {});
      throw err;
    }
    // Not the current connection until it is proven to hear: a loss meanwhile fails this
    // attempt, whose caller retries, rather than starting a second line of retries.
    const heard = await beat();
    if (heard === false) {
      drop(c);
      throw new StoreRefusal(
        `notifications sent through DATABASE_URL did not reach the listening connection (${named}) within ${BEAT_TIMEOUT_MS} ms: ${WHY}`,
      );
    }
    if (ended || stopped) {
      drop(c);
      if (stopped) return;
      throw new Error('the listening connection ended as it started');
    }
    client = c;
    failures = 0;
    if (again) events.gap();
    scheduleBeat(c);
  };

  const retry = () => {
    client = undefined;
    const delay = RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]!;
    retryTimer = setTimeout(() => {
      if (stopped) return;
      connect(true).catch((err: unknown) => {
        if (err instanceof StoreRefusal) events.trouble?.(err.message);
        retry();
      });
    }, delay);
  };

  try {
    await connect(false);
  } catch (err) {
    if (err instanceof StoreRefusal) throw err;
    const message = (err as Error)?.message ?? String(err);
    throw new StoreRefusal(`cannot open the listening connection (${named}): ${message}`);
  }
  return async () => {
    stopped = true;
    clearTimeout(retryTimer);
    clearTimeout(beatTimer);
    await client?.end().catch(() => {});
  };
}
