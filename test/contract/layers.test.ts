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

describe('the linter keeps the layers', () => {
  it('refuses an import from a layer above, and allows those below', async () => {
    const found = await lint({
      'src/domain/up.ts': importing('Config', '../config/env.ts'),
      'src/store/up.ts': importing('openGeoDatabase', '../geo/geo-database.ts'),
      'src/ingest/up.ts': importing('createApp', '../http/create-app.ts'),
      'src/ingest/cli.ts': importing('UsageError', '../cli/usage-error.ts'),
      'src/http/up.ts': importing('dashboardMount', '../dashboard/mount.ts'),
      'src/config/up.ts': importing('parseIp', '../geo/ip-address.ts'),
      'src/documents/up.ts': importing('writeRows', '../ingest/write-path/write-rows.ts'),
      // Downward, and tests beside the code, which cross layers on purpose.
      'src/http/down.ts': importing('writeRows', '../ingest/write-path/write-rows.ts'),
      'src/dashboard/down.ts': importing('createApp', '../http/create-app.ts'),
      'src/ingest/down.ts': importing('placeDocument', '../documents/place-document.ts'),
      'src/store/down.test.ts': importing('createApp', '../http/create-app.ts'),
    });
    expect([...found.keys()].sort()).toEqual([
      'src/config/up.ts',
      'src/documents/up.ts',
      'src/domain/up.ts',
      'src/http/up.ts',
      'src/ingest/cli.ts',
      'src/ingest/up.ts',
      'src/store/up.ts',
    ]);
    expect(found.get('src/ingest/up.ts')![0]).toMatch(
      /^src\/ingest imports only src\/\{contract, /,
    );
  });

  it('refuses the write side of the store anywhere but on the write path', async () => {
    const found = await lint({
      'src/http/day/rows.ts': importing('upsertObservations', '../../store/write/weather-rows.ts'),
      'src/ingest/demo.ts': importing('deriveDailySummaries', '../store/write/daily-rows.ts'),
      'src/ingest/model.ts': importing('refreshPlaceReads', './write-path/read-model.ts'),
      'src/cli/gone.ts': importing('dropDemoData', '../store/write/demo-data.ts'),
      'src/changes/log.ts': importing('recordChange', '../store/write/change-record.ts'),
      // The write path itself, the store, and reads of the store.
      'src/ingest/write-path/apply.ts': importing(
        'upsertObservations',
        '../../store/write/weather-rows.ts',
      ),
      'src/store/weather/day.ts': importing('upsertSentSummaries', '../write/daily-rows.ts'),
      'src/http/day/days.ts': importing('dailySummariesBetween', '../../store/weather/daily.ts'),
      'src/cli/write.ts': importing('applyWrite', '../ingest/write-path/apply-write.ts'),
    });
    expect([...found.keys()].sort()).toEqual([
      'src/changes/log.ts',
      'src/cli/gone.ts',
      'src/http/day/rows.ts',
      'src/ingest/demo.ts',
      'src/ingest/model.ts',
    ]);
    expect(found.get('src/cli/gone.ts')).toEqual([
      'Writes go only through applyWrite (src/ingest/write-path).',
    ]);
  });
});
