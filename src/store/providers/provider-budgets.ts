import { type Queryable, statement } from '../database.ts';

// One statement takes one request from the day's budget, or nothing when it is spent: two
// processes can never both take the last one.
const reserve = statement(
  'provider_budget_reserve',
  `INSERT INTO provider_budgets AS b (provider, day, used) VALUES ($1, $2, 1)
   ON CONFLICT (provider, day) DO UPDATE SET used = b.used + 1 WHERE b.used < $3
   RETURNING used`,
);
const usedOn = statement(
  'provider_budget_used',
  'SELECT used FROM provider_budgets WHERE provider = $1 AND day = $2',
);
// A batch takes what is left of the day's budget, up to what it asks: the row is locked for the
// read and the write, so workers in any number of processes never spend past the limit together.
const open = statement(
  'provider_budget_open',
  `INSERT INTO provider_budgets (provider, day, used) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING`,
);
const lockUsed = statement(
  'provider_budget_lock',
  'SELECT used FROM provider_budgets WHERE provider = $1 AND day = $2 FOR UPDATE',
);
const spend = statement(
  'provider_budget_spend',
  'UPDATE provider_budgets SET used = used + $3 WHERE provider = $1 AND day = $2',
);
const prune = statement('provider_budget_prune', 'DELETE FROM provider_budgets WHERE day < $1');

/** The UTC date an instant falls on: budgets are counted per UTC day. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/** Takes one request from a provider's budget for the day of `at`; false when none is left. */
export async function reserveRequest(
  q: Queryable,
  provider: string,
  at: Date,
  perDay: number,
): Promise<boolean> {
  if (perDay <= 0) return false;
  return (await q.one(reserve, [provider, utcDay(at), perDay])) !== undefined;
}

/**
 * Takes up to `wanted` units from a provider's budget for the day of `at`, never past `perDay`
 * units in all, atomically across processes; answers how many were granted (0 when none is left).
 */
export async function reserveUnits(
  q: Queryable,
  provider: string,
  at: Date,
  wanted: number,
  perDay: number,
): Promise<number> {
  if (wanted <= 0 || perDay <= 0) return 0;
  const day = utcDay(at);
  await q.run(open, [provider, day]);
  return q.transaction(async (tx) => {
    const used = (await tx.one<{ used: number }>(lockUsed, [provider, day]))?.used ?? perDay;
    const granted = Math.max(0, Math.min(wanted, perDay - used));
    if (granted > 0) await tx.run(spend, [provider, day, granted]);
    return granted;
  });
}

/** Requests a provider was sent on the day of `at`. */
export async function requestsUsed(q: Queryable, provider: string, at: Date): Promise<number> {
  return (await q.one<{ used: number }>(usedOn, [provider, utcDay(at)]))?.used ?? 0;
}

/** Forgets days before `before` (they are only ever read on the day). */
export async function pruneBudgets(q: Queryable, before: Date): Promise<void> {
  await q.run(prune, [utcDay(before)]);
}
