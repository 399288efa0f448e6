import { describe, expect, it } from 'vitest';
import { createLogger, humanLine } from './logger.ts';

/** A stream that keeps what is written to it. */
function capture(isTTY?: boolean) {
  const lines: string[] = [];
  return { lines, stream: { isTTY, write: (text: string) => lines.push(text) } };
}

describe('the log', () => {
  it('writes sentences on a terminal: time, level when not info, message, error, fields', () => {
    const { lines, stream } = capture(true);
    const log = createLogger('info', { stream });
    log.info('catalog: 12 places added');
    log.warn({ place: 'GB/London' }, 'demo refresh late');
    log.error({ err: new Error('connection refused') }, 'demo refresh failed');
    log.debug('not shown at info');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d catalog: 12 places added\n$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d warning: demo refresh late place=GB\/London\n$/);
    expect(lines[2]).toMatch(/^\d\d:\d\d:\d\d error: demo refresh failed: connection refused\n$/);
  });

  it('writes one JSON object a line where no terminal reads it', () => {
    const { lines, stream } = capture(undefined);
    createLogger('info', { stream }).info('catalog: 12 places added');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, msg: 'catalog: 12 places added' });
  });

  it('leaves a line that is not JSON as it is', () => {
    expect(humanLine('plain words\n')).toBe('plain words\n');
  });
});
