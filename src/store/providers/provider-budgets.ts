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

/** Requests a provider was sent on the day of `at`. */
export async function requestsUsed(q: Queryable, provider: string, at: Date): Promise<number> {
  return (await q.one<{ used: number }>(usedOn, [provider, utcDay(at)]))?.used ?? 0;
}

/** Forgets days before `before` (they are only ever read on the day). */
export async function pruneBudgets(q: Queryable, before: Date): Promise<void> {
  await q.run(prune, [utcDay(before)]);
}
