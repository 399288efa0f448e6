import { describe, expect, it } from 'vitest';
import { PROBLEM_PAGE_STYLE_HASH } from '../../src/contract/protocol/problem-page.ts';
import { fixedGeo } from '../src/geo.ts';
import { createHarness } from './support/harness.ts';

const NOTHING = "default-src 'none'; frame-ancestors 'none'";

const expectAlways = (response: Response) => {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
};

describe("the edge's own answers carry the origin's security headers", () => {
  it('on the first-visit redirects it makes from a cookie and from request.cf', async () => {
    const h = createHarness({ geo: fixedGeo({ latitude: 51.5072, longitude: -0.1276 }) });
    for (const init of [{ headers: { cookie: 'place=GB/London' } }, {}]) {
      const response = await h.get('/', init);
      expect(response.status).toBe(302);
      expect(response.headers.get('x-isobar-first-visit')).not.toBe('origin');
      expectAlways(response);
      expect(response.headers.get('content-security-policy')).toBe(NOTHING);
    }
  });

  it('on an operator refusal, a problem document', async () => {
    const response = await createHarness().get('/metrics');
    expect(response.status).toBe(403);
    expectAlways(response);
    expect(response.headers.get('content-security-policy')).toBe(NOTHING);
  });

  it('on its problem page when the origin is down: a policy the page satisfies', async () => {
    const h = createHarness();
    h.origin.failure = 'down';
    const response = await h.get('/GB/London');
    expect(response.status).toBe(502);
    expectAlways(response);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`style-src 'self' '${PROBLEM_PAGE_STYLE_HASH}'`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(await response.text()).toContain('<style>');
  });

  it("leaves the origin's own headers on what it passes on", async () => {
    const h = createHarness();
    h.origin.answerWith = () =>
      new Response('<p>embed</p>', {
        headers: { 'content-type': 'text/html', 'content-security-policy': 'frame-ancestors *' },
      });
    const response = await h.get('/GB/London');
    expect(response.headers.get('content-security-policy')).toBe('frame-ancestors *');
    expect(response.headers.get('x-frame-options')).toBeNull();
  });
});
