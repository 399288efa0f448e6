import { SingleBar } from 'cli-progress';
import type { Logger } from './logger.ts';
import type { Reporter } from './prepare.ts';

export interface ProgressOptions {
  /** Where a bar is drawn; default stderr, where the log lines go. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** A bar redrawn in place (a terminal) or log lines (anything else); default: the stream's. */
  bar?: boolean;
}

/**
 * A reporter for long steps: on a terminal one line redrawn in place (cli-progress) per step;
 * elsewhere a log line as each step starts and one as it ends, so a log file is not flooded.
 */
export function createProgressReporter(log: Logger, options: ProgressOptions = {}): Reporter {
  const stream = options.stream ?? process.stderr;
  const drawn = options.bar ?? stream.isTTY === true;
  let current: { step: string; bar?: SingleBar } | undefined;
  const finish = () => {
    current?.bar?.stop();
    current = undefined;
  };
  return {
    info(message) {
      finish();
      log.info(message);
    },
    progress(step, done, total) {
      if (current?.step !== step) {
        finish();
        current = { step };
        if (drawn) {
          current.bar = new SingleBar({
            stream,
            format: `${step.padEnd(12)} [{bar}] {percentage}% {value}/{total}`,
            hideCursor: null,
            barsize: 30,
          });
          current.bar.start(total, done);
        } else log.info(`${step}: ${done} of ${total}…`);
      }
      current.bar?.update(done);
      if (done >= total) {
        if (!drawn) log.info(`${step}: ${total} of ${total} done`);
        finish();
      }
    },
  };
}
