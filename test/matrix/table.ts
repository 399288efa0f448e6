// The install matrix's report: one row per cell (Node version × database), seconds per step.

/** One step's outcome: the cell's lines (test/matrix/cell.ts) and the matrix's own steps. */
export interface Step {
  ok: boolean;
  seconds: number;
  error?: string;
}

export interface Cell {
  node: string;
  db: string;
  /** By step name: node and install (shared by a version's cells), then the cell's STEPS. */
  steps: Record<string, Step>;
}

/** The steps test/matrix/cell.ts runs, in order. */
export const STEPS = ['start', 'smoke', 'upgrade', 'uninstall'];
const COLUMNS = ['node', 'install', ...STEPS];

const passed = (cell: Cell) =>
  COLUMNS.every((c) => cell.steps[c]?.ok) && Object.values(cell.steps).every((s) => s.ok);

/**
 * Prints the table (a column per step, `-` for a step not reached) and the failures; returns
 * whether any cell failed. Node and install are the same figures in each cell of a version.
 */
export function printTable(cells: Cell[], totalSeconds: number): boolean {
  const header = ['node', 'database', ...COLUMNS.map((c) => `${c} s`), 'cell s', 'result'];
  const rows = cells.map((cell) => {
    const own = STEPS.reduce((sum, s) => sum + (cell.steps[s]?.seconds ?? 0), 0);
    const figures = COLUMNS.map((c) => {
      const step = cell.steps[c];
      return step ? `${step.seconds.toFixed(1)}${step.ok ? '' : '!'}` : '-';
    });
    return [cell.node, cell.db, ...figures, own.toFixed(1), passed(cell) ? 'pass' : 'FAIL'];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) {
    console.log(
      row.map((v, i) => (i < 2 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  '),
    );
  }
  const failures = cells.filter((c) => !passed(c));
  for (const cell of failures) {
    for (const [name, step] of Object.entries(cell.steps)) {
      if (!step.ok) console.log(`FAIL node ${cell.node} × ${cell.db}, ${name}: ${step.error}`);
    }
  }
  const minutes = `${Math.floor(totalSeconds / 60)} min ${Math.round(totalSeconds % 60)} s`;
  console.log(`${cells.length - failures.length} of ${cells.length} cells passed, in ${minutes}`);
  return failures.length > 0;
}
