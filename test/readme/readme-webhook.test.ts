import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signatureHeaders } from '../../src/domain/webhook-signature.ts';
import { ROOT } from '../support/run-isobar.ts';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The fenced block of a language that follows `after` in the README. */
function block(language: string, after: string): string {
  const from = README.indexOf(after);
  expect(from).toBeGreaterThan(-1);
  const start = README.indexOf(`\`\`\`${language}\n`, from) + language.length + 4;
  return README.slice(start, README.indexOf('\n```', start));
}

type Verify = (secret: string, headers: Record<string, string>, body: string) => boolean;

describe("the README's webhook receiver", () => {
  // The README's own example delivery and secret, and its Node function, as a reader copies them.
  const secret = /`(whsec_[A-Za-z0-9+/=]+)`/.exec(README)![1]!;
  const [head, body] = block('http', 'A delivery (signed').split('\n\n') as [string, string];
  const headers = Object.fromEntries(
    head
      .split('\n')
      .slice(1)
      .map((line) => line.split(': ') as [string, string]),
  );
  const code = block('js', 'A receiver in Node').replace(/^import .*\n/m, '');
  const at = Number(headers['webhook-timestamp']) * 1000;
  const verifyAt = (now: number) =>
    new Function('createHmac', 'timingSafeEqual', 'Date', `${code}\nreturn verify;`)(
      createHmac,
      timingSafeEqual,
      { now: () => now },
    ) as Verify;

  it('is signed as isobar signs, and the snippet accepts it', () => {
    const key = secret.slice('whsec_'.length);
    expect(
      signatureHeaders(key, headers['webhook-id']!, Number(headers['webhook-timestamp']), body),
    ).toEqual({
      'webhook-id': headers['webhook-id'],
      'webhook-timestamp': headers['webhook-timestamp'],
      'webhook-signature': headers['webhook-signature'],
    });
    expect(verifyAt(at + 60_000)(secret, headers, body)).toBe(true);
  });

  it('refuses a changed body, another secret and an old timestamp', () => {
    const verify = verifyAt(at);
    expect(verify(secret, headers, body.replace('GB/London', 'GB/Londox'))).toBe(false);
    expect(verify(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, headers, body)).toBe(false);
    expect(verifyAt(at + 301_000)(secret, headers, body)).toBe(false);
  });
});
