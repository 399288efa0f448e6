import { describe, expect, it } from 'vitest';
import { DRAIN_MAX_BYTES } from '../../src/http/body/body-text.ts';
import { drivers } from '../support/databases.ts';
import { json } from '../support/fixture.ts';
import { issueToken } from '../support/tokens.ts';
import { useWriteOrigin } from '../support/write-origin.ts';

/** What the write API takes as a body, and what it refuses before judging a single row. */
describe.each(drivers)('bodies of the write API on $name', (driver) => {
  const origin = useWriteOrigin(driver);
  const it_ = it.skipIf(driver.skip);
  const writer = () => issueToken(origin().t.db, 'write');

  it_.each([
    ['application/json', '[{"place": "GB/London"},\n {"place": }]', /line 2, column 2/],
    ['application/json', '[{"a": 1}\n,{x}]', /line 2, column 3: expected property name/],
    ['application/json', '{"place": "GB/London"}', /line 1, column 1: .*one JSON array/],
    ['application/json', '[{"a": 1}] x', /line 1, column 12: there is more/],
    ['application/json', '[{"a": 1},]', /line 1, column 11: a row is missing/],
    ['application/json', '[{"a": 1}', /ends before the array is closed/],
    ['application/json', '', /the body is empty/],
    ['application/x-ndjson', '{"a": 1}\n{"place": "GB/London"', /line 2, column 22/],
  ])('answers a %s body that does not parse with a 400 naming where', async (type, body, re) => {
    const res = await origin().post('/v1/observations', body, {
      token: await writer(),
      contentType: type,
    });
    expect(res.status).toBe(400);
    const problem = await json(res);
    expect(problem.code).toBe('invalid-request');
    expect(problem.detail).toMatch(re);
    expect(problem.detail).not.toMatch(/GB\/London/);
  });

  it_.each([
    ['text/csv', 'place,source\n'],
    ['application/json; charset=latin1', '[]'],
    ['', '[]'],
  ])('refuses a body of type %j with 415', async (type, body) => {
    const token = await writer();
    const res = await origin().app.request('/v1/observations', {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${token}`, ...(type ? { 'content-type': type } : {}) },
    });
    expect(res.status).toBe(415);
    expect(await json(res)).toMatchObject({ code: 'unsupported-media-type' });
  });

  it_('refuses a body whose Content-Length is over 10 MiB before reading it', async () => {
    const res = await origin().post('/v1/observations', '[]', {
      token: await writer(),
      headers: { 'content-length': String(10 * 1024 * 1024 + 1) },
    });
    expect(res.status).toBe(413);
    expect(await json(res)).toMatchObject({
      code: 'payload-too-large',
      max_bytes: 10 * 1024 * 1024,
    });
  });

  it_(
    'refuses a streamed NDJSON body once it passes 10 MiB, dropping the rest up to 64 MiB and no more',
    async () => {
      // 2 KiB rows, so the byte limit comes long before the row limit; 80 MiB on offer.
      const line = `${JSON.stringify({ place: 'GB/London', note: 'x'.repeat(2020) })}\n`;
      const chunk = new TextEncoder().encode(line.repeat(32));
      const offered = Math.ceil((80 * 1024 * 1024) / chunk.byteLength);
      let pulled = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (++pulled > offered) controller.close();
          else controller.enqueue(chunk);
        },
      });
      const res = await origin().post('/v1/observations', stream, {
        token: await writer(),
        contentType: 'application/x-ndjson',
      });
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect((await json(res)).detail).toMatch(/larger than 10 MiB/);
      // Read past the limit (a client still sending then gets the answer), but not to the end.
      expect(pulled).toBeGreaterThan((60 * 1024 * 1024) / chunk.byteLength);
      expect(pulled).toBeLessThan((DRAIN_MAX_BYTES * 1.01) / chunk.byteLength + 4);
    },
  );

  it_('refuses more than 10,000 rows', async () => {
    const res = await origin().post('/v1/observations', '{}\n'.repeat(10_001), {
      token: await writer(),
      contentType: 'application/x-ndjson',
    });
    expect(res.status).toBe(413);
    expect(await json(res)).toMatchObject({ code: 'payload-too-large', max_rows: 10_000 });
  });

  it_('refuses a compressed body with 415', async () => {
    const res = await origin().post('/v1/observations', '[]', {
      token: await writer(),
      headers: { 'content-encoding': 'gzip' },
    });
    expect(res.status).toBe(415);
  });
});
