import type { OperationsHistory } from './history.ts';
import type { MetricsSource } from './metrics-source.ts';
import { parsePrometheusText } from './prometheus-text.ts';
import { summarise } from './summary.ts';

/** Reads the metrics once and keeps the reading; a failed read leaves a gap, said nowhere else. */
export async function takeReading(
  source: MetricsSource,
  history: OperationsHistory,
  now: () => number,
) {
  const text = await source.read();
  const at = now();
  const summary = summarise(parsePrometheusText(text), at);
  history.record(summary, at);
  return summary;
}

/**
 * Takes a reading every `everyMs`, so the page has the last hours even when no one looked. The
 * timer does not keep the process alive (unref), and a failed read is skipped: the page says
 * why when it is opened. Returns the function that stops it.
 */
export function sampleEvery(
  everyMs: number,
  source: MetricsSource,
  history: OperationsHistory,
  now: () => number,
): () => void {
  const timer = setInterval(() => {
    takeReading(source, history, now).catch(() => {});
  }, everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
