import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-isobar.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'isobar-layers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Diagnostic {
  category: string;
  message: string;
  location: { path: string };
}

/** The project's lint rules (biome.jsonc) over files written at these paths, by diagnostics. */
async function lint(files: Record<string, string>): Promise<Map<string, string[]>> {
  rmSync(join(dir, 'src'), { recursive: true, force: true });
  copyFileSync(join(ROOT, 'biome.jsonc'), join(dir, 'biome.jsonc'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const args = ['lint', '--vcs-enabled=false', '--reporter=json', '--max-diagnostics=100', '.'];
  const out = await run(join(ROOT, 'node_modules/.bin/biome'), args, { cwd: dir }).catch(
    (failed: { stdout: string }) => failed,
  );
  const { diagnostics } = JSON.parse(out.stdout) as { diagnostics: Diagnostic[] };
  const found = new Map<string, string[]>();
  for (const d of diagnostics.filter((d) => d.category === 'lint/style/noRestrictedImports')) {
    found.set(d.location.path, [...(found.get(d.location.path) ?? []), d.message]);
  }
  return found;
}

const importing = (name: string, from: string) =>
  `import { ${name} } from '${from}';\n\nexport const used = ${name};\n`;

describe('the linter keeps the write path whole', () => {
  it('refuses a step of the write path taken anywhere but in applyWrite', async () => {
    const found = await lint({
      'src/http/routes/rows.ts': importing(
        'upsertObservations',
        '../../store/repositories/weather.ts',
      ),
      'src/ingest/demo.ts': importing('deriveDailySummaries', '../store/repositories/daily.ts'),
      'src/ingest/model.ts': importing('refreshPlaceReads', './read-model.ts'),
      'src/cli/gone.ts': importing('dropDemoData', '../store/repositories/demo-data.ts'),
      'src/http/routes/log.ts': importing('recordChange', '../../store/repositories/change-log.ts'),
      // What the write path itself does, and reads of the same modules, stay allowed.
      'src/ingest/apply-write.ts': importing(
        'upsertObservations',
        '../store/repositories/weather.ts',
      ),
      'src/http/routes/days.ts': importing(
        'dailySummariesBetween',
        '../../store/repositories/daily.ts',
      ),
      'src/cli/done.ts': importing('isDelivered', '../store/repositories/change-log.ts'),
    });
    expect([...found.keys()].sort()).toEqual([
      'src/cli/gone.ts',
      'src/http/routes/log.ts',
      'src/http/routes/rows.ts',
      'src/ingest/demo.ts',
      'src/ingest/model.ts',
    ]);
    expect(found.get('src/http/routes/rows.ts')).toEqual([
      'Weather rows are written through applyWrite (src/ingest/apply-write.ts).',
    ]);
  });
});
