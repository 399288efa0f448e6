import cliProgress from 'cli-progress';

/** Where an import stands; read by the progress display whenever it redraws. */
export interface ProgressState {
  /** Records read from the file so far. */
  read: number;
  /** Bytes of the file read so far (0 when reading standard input). */
  bytes: number;
  /** Rows committed (inserted, replaced or unchanged). */
  written: number;
  rejected: number;
}

export interface ImportProgress {
  /** Prints a line (a bad row) without tearing the bar. */
  log(line: string): void;
  /** Says a batch was committed. */
  committed(): void;
  stop(): void;
}

export interface ProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** The file's size; unset for standard input, whose progress is counted in rows. */
  totalBytes?: number;
  state: () => ProgressState;
}

/** How often a plain (non-TTY) status line is written. */
const PLAIN_EVERY_MS = 5_000;

/**
 * A progress bar on a terminal (by bytes of a file, by rows of standard input), else a plain
 * status line every few seconds, and one when the first batch is in so a log shows writes are
 * landing. Never a line per row.
 */
export function startProgress(options: ProgressOptions): ImportProgress {
  const { stream, totalBytes, state } = options;
  const started = performance.now();
  const rate = () =>
    Math.round(state().read / Math.max((performance.now() - started) / 1000, 1e-3));
  if (!stream.isTTY) {
    const line = () => {
      const s = state();
      const share = totalBytes
        ? ` (${Math.floor((100 * s.bytes) / Math.max(totalBytes, 1))}%)`
        : '';
      stream.write(
        `import: ${s.read} rows read${share}, ${s.written} written, ${s.rejected} rejected, ${rate()} rows/s\n`,
      );
    };
    const timer = setInterval(line, PLAIN_EVERY_MS);
    timer.unref();
    let first = true;
    return {
      log: (text) => stream.write(`${text}\n`),
      committed() {
        if (first) line();
        first = false;
      },
      stop: () => clearInterval(timer),
    };
  }
  const counts = '{read} rows, {rate} rows/s | {rejected} rejected';
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: totalBytes
        ? `import {bar} {percentage}% | ${counts} | ETA {eta_formatted}`
        : `import ${counts}`,
      // A hidden cursor would stay hidden after Ctrl-C or a kill.
      hideCursor: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(totalBytes ?? 0, 0, { read: 0, rate: 0, rejected: 0 });
  const redraw = () => {
    const s = state();
    bar.update(totalBytes ? s.bytes : s.read, { read: s.read, rate: rate(), rejected: s.rejected });
  };
  const timer = setInterval(redraw, 200);
  timer.unref();
  return {
    log: (text) => bars.log(`${text}\n`),
    committed: redraw,
    stop() {
      clearInterval(timer);
      redraw();
      bars.update(); // stop() alone would drop lines logged since the last redraw
      bars.stop();
    },
  };
}
