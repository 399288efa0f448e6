import { describe, expect, it } from 'vitest';
import { PACKAGE_VERSION } from '../../src/config/package-root.ts';
import { exampleAnswers } from '../../src/http/reference/example-answers.ts';
import { REFERENCE_SECTIONS } from '../../src/http/reference/reference-sections.ts';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { problemOf } from '../support/problem.ts';

/** The text of the page's <main>, tags dropped and entities of the escapes read back. */
const mainText = (page: string) =>
  (/<main>([\s\S]*)<\/main>/.exec(page)?.[1] ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('the API reference page', () => {
  const origin = useTestOrigin(drivers[0]!);

  it('lists the weather first and the operator URIs last, every operation once', async () => {
    const page = await (await origin().get('/api')).text();
    const headings = [...page.matchAll(/<section class="group" id="([^"]+)"><h2>/g)].map(
      (m) => m[1],
    );
    expect(headings).toEqual(REFERENCE_SECTIONS.map((s) => s.id));
    expect(headings.slice(0, 9)).toEqual([
      'place',
      'day',
      'text',
      'warnings',
      'history',
      'statistics',
      'search',
      'coordinates',
      'changes',
    ]);
    expect(headings.at(-1)).toBe('operations');
    const doc = await origin().getJson('/v1/openapi.json');
    const operations = Object.values<object>(doc.paths).flatMap((item) => Object.keys(item));
    // One section per operation, and one more for the text view listed beside the place.
    const shown = page.match(/<section class="operation" id=/g) ?? [];
    expect(shown).toHaveLength(operations.length + 1);
    const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("shows each example's kept answer, with curl, fetch and PHP snippets", async () => {
    const page = await (await origin().get('/api')).text();
    const text = mainText(page);
    const answers = exampleAnswers();
    for (const [request, answer] of Object.entries(answers)) {
      expect(page).toContain(`<a href="${request.replace(/&/g, '&amp;')}"><code>GET`);
      if (answer.body) expect(text).toContain(answer.body);
    }
    expect(text).toContain("curl -fsSL 'http://127.0.0.1:8080/GB/London.json'");
    expect(text).toContain('const res = await fetch("http://127.0.0.1:8080/GB/London.json");');
    expect(text).toContain("$ch = curl_init('http://127.0.0.1:8080/GB/London.json');");
  });

  it('sets code spans as code, states the real version, and prints no style sheet', async () => {
    const page = await (await origin().get('/api')).text();
    expect(page).toContain('<code>application/problem+json</code>');
    expect(mainText(page)).not.toContain('`');
    expect(mainText(page)).toContain(`Version ${PACKAGE_VERSION} ·`);
    expect(PACKAGE_VERSION).not.toBe('dev');
    expect(mainText(page)).not.toMatch(/\{[a-z-]+:[^}]*\}/);
  });

  it('builds a request from its form (a plain GET), and that request answers', async () => {
    const query = 'place=FR/Paris&date=2026-11-22&format=txt&units=imperial';
    const res = await origin().get(`/api?${query}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    const built = '/FR/Paris/2026-11-22.txt?units=imperial';
    expect(page).toContain(`<a href="${built}"><code>GET ${built}</code></a>`);
    expect(mainText(page)).toContain(`curl -fsSL 'http://127.0.0.1:8080${built}'`);
    expect(page).toContain('<option value="txt" selected>');
    expect((await origin().get(built)).status).toBe(200);
    // The snippets read the body as the format it is: text here, JSON by default.
    const build = (html: string) => /<section id="build"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(build(page)).toContain('console.log(await res.text());');
    const json = build(await (await origin().get('/api')).text());
    expect(json).toContain('console.log(await res.json());');
    // The empty fields of a plain form are left out; a name with a space is encoded.
    const blank = await (await origin().get('/api?place=US/New+York+City&date=&units=')).text();
    expect(blank).toContain('<a href="/US/New%20York%20City.json">');
    expect((await origin().get('/US/New%20York%20City.json')).status).toBe(301);
  });

  it.each([
    ['/api?place=Paris', 'place'],
    ['/api?place=FR/Paris&date=2026-02-30', 'date'],
    ['/api?format=xml', 'format'],
    ['/api?units=kelvin', 'units'],
    ['/api?colour=red', 'colour'],
  ])('refuses %s with a 400 naming %s', async (path, parameter) => {
    const res = await origin().get(path);
    expect(res.status).toBe(400);
    const problem = await problemOf(res);
    expect(problem.detail).toContain(`"${parameter}"`);
  });
});
