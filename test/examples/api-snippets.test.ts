import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { requestSnippets, type Snippet } from '../../src/http/reference/request-snippets.ts';
import { drivers } from '../support/databases.ts';
import { useServedOrigin } from '../support/fixture.ts';
import { HAVE_PHP, PHP } from '../support/php.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'isobar-snippets-'));

/** Runs a snippet as a reader would paste it: curl in a shell, the fetch in Node, the PHP file. */
async function runSnippet(s: Snippet): Promise<string> {
  if (s.language === 'curl') return (await run('sh', ['-c', s.code])).stdout;
  const file = join(dir, s.language === 'PHP' ? 'snippet.php' : 'snippet.mjs');
  writeFileSync(file, s.code);
  return (await run(s.language === 'PHP' ? PHP : process.execPath, [file])).stdout;
}

/**
 * The snippets /api offers for copying, run against a served origin (the page names
 * 127.0.0.1:8080; here the test's own port): each prints the answer, and fails on an error
 * status, as its words promise.
 */
describe.skipIf(drivers[0]!.skip)('the API reference snippets', () => {
  const served = useServedOrigin(drivers[0]!);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const languages = ['curl', 'JavaScript', ...(HAVE_PHP ? ['PHP'] : [])];

  it.each(languages)(
    '%s prints a JSON answer and a text answer',
    async (language) => {
      const json = requestSnippets('/GB/London.json', 'json', served.base);
      expect(await runSnippet(json.find((s) => s.language === language)!)).toMatch(
        /country_code.*GB/,
      );
      // Through the 301 of another spelling, as the coordinates example needs.
      const text = requestSnippets('/gb/london.txt', 'text', served.base);
      expect(await runSnippet(text.find((s) => s.language === language)!)).toContain(
        'London, United Kingdom',
      );
    },
    30_000,
  );

  it.each(languages)(
    '%s fails on an error status',
    async (language) => {
      const missing = requestSnippets('/GB/Atlantis.json', 'json', served.base);
      await expect(runSnippet(missing.find((s) => s.language === language)!)).rejects.toThrow();
    },
    30_000,
  );

  it('quotes a URL with a quote in it in each language', async () => {
    // A quote left unescaped would be a syntax error in the shell, in JavaScript and in PHP.
    const odd = requestSnippets("/v1/locations?q=o'brien", 'json', served.base);
    for (const s of odd.filter((s) => languages.includes(s.language)))
      await expect(runSnippet(s), s.language).resolves.toMatch(/results/);
  }, 30_000);
});
