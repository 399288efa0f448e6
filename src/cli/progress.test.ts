import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { createProgressReporter } from './progress.ts';

function capture(isTTY?: boolean) {
  let text = '';
  const stream = {
    isTTY,
    columns: 100,
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
    // What cli-progress asks of a terminal to redraw its line in place.
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    on: () => stream,
    removeListener: () => stream,
  };
  return { stream, text: () => text };
}

describe('progress of a long step', () => {
  it('logs a line as each step starts and as it ends where no terminal reads it', () => {
    const out = capture(undefined);
    const report = createProgressReporter(createLogger('info', { stream: out.stream }), {
      stream: out.stream as never,
    });
    report.progress!('places', 0, 300);
    report.progress!('places', 100, 300);
    report.progress!('places', 300, 300);
    report.progress!('other names', 0, 300);
    report.info('catalog: 300 places added');
    const messages = out
      .text()
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toEqual([
      'places: 0 of 300…',
      'places: 300 of 300 done',
      'other names: 0 of 300…',
      'catalog: 300 places added',
    ]);
  });

  it('draws one bar a step on a terminal and leaves it showing the whole', () => {
    const out = capture(true);
    const report = createProgressReporter(createLogger('info', { stream: out.stream }), {
      stream: out.stream as never,
    });
    report.progress!('places', 0, 300);
    report.progress!('places', 300, 300);
    report.info('catalog: 300 places added');
    const text = out.text();
    expect(text).toMatch(/places\s+\[[^\]]+\] 100% 300\/300/);
    expect(text).not.toContain('places: 0 of 300');
    expect(text).toMatch(/\d\d:\d\d:\d\d catalog: 300 places added\n$/);
  });
});
