// Summaries of repeated measurements, shared by the benchmarks.

/** The middle of some figures (the mean of the middle two for an even count). */
export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Figures as their median with their range beside it: `0.84 (0.65–0.96)`. */
export function spread(xs: number[]): string {
  return `${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
}

/**
 * One figure per round of each target (a time, a count, a run's results), after one unrecorded
 * warm-up each (by default a run like the others); rounds interleaved, in turn forwards and
 * backwards, so no target always follows the same one.
 */
export async function measure<T extends string, R = number>(
  targets: T[],
  run: (t: T) => Promise<R>,
  rounds: number,
  warmUp: (t: T) => Promise<unknown> = run,
): Promise<Record<T, R[]>> {
  for (const t of targets) await warmUp(t);
  const figures = Object.fromEntries(targets.map((t) => [t, [] as R[]])) as Record<T, R[]>;
  for (let round = 0; round < rounds; round++)
    for (const t of round % 2 ? [...targets].reverse() : targets) figures[t].push(await run(t));
  return figures;
}

/** One target's figure over another's, round by round. */
export function ratiosOf<T extends string>(figures: Record<T, number[]>, ours: T, base: T) {
  return figures[ours].map((x, round) => x / figures[base][round]!);
}
