import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { json, placeLoads } from '../support/fixture.ts';
import { issueToken } from '../support/tokens.ts';
import { useWriteOrigin } from '../support/write-origin.ts';

describe.each(drivers)('POST /v1/purge on $name', (driver) => {
  const origin = useWriteOrigin(driver);
  const it_ = it.skipIf(driver.skip);
  const purger = () => issueToken(origin().t.db, 'purge');
  const loads = () => placeLoads(origin());
  const notifies = () => origin().counter('isobar_db_queries_total', { query: 'changes_notify' });

  it_('drops the cached answers about places here, announces them and tells the edge', async () => {
    await origin().get('/CA/London.json');
    await origin().get('/FR/Paris.txt');
    const cached = await loads();
    await origin().get('/CA/London.json');
    expect(await loads()).toBe(cached);
    const announced = await notifies();

    const res = await origin().post(
      '/v1/purge',
      { places: ['ca/london', 'FR/Paris', 'GB/Atlantis'] },
      { token: await purger() },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await json(res);
    expect(body.places.sort()).toEqual(['CA/London', 'FR/Paris']);
    expect(body.unknown).toEqual(['GB/Atlantis']);
    expect(await notifies()).toBe(announced + 1);
    expect(origin().purges.at(-1)).toEqual({ places: body.places, days: [] });

    await origin().get('/CA/London.json');
    await origin().get('/FR/Paris.txt');
    expect(await loads()).toBe(cached + 2);
  });

  it_.each([
    [{ places: ['https://evil.example/'] }, /GB\/London/],
    [{ places: [] }, /places/],
    [{ places: ['GB/London'], everything: true }, /everything/],
    [['GB/London'], /object/],
  ])('refuses the body %j with a 400', async (body, detail) => {
    const res = await origin().post('/v1/purge', body, { token: await purger() });
    expect(res.status).toBe(400);
    const problem = await json(res);
    expect(problem).toMatchObject({ code: 'invalid-request' });
    expect(problem.detail).toMatch(detail);
  });

  it_('refuses JSON that does not parse, another media type and a large body', async () => {
    const token = await purger();
    const bad = await origin().post('/v1/purge', '{"places": [', { token });
    expect(bad.status).toBe(400);
    const csv = await origin().post('/v1/purge', 'GB/London', { token, contentType: 'text/csv' });
    expect(csv.status).toBe(415);
    expect(await json(csv)).toMatchObject({ code: 'unsupported-media-type' });
    const places = Array.from({ length: 6000 }, () => 'GB/London');
    const large = await origin().post('/v1/purge', { places }, { token });
    expect(large.status).toBe(413);
    expect(await json(large)).toMatchObject({ code: 'payload-too-large' });
  });
});
