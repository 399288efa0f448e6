import { describe, expect, it } from 'vitest';
import { bundleClient } from './client-bundle.ts';

describe("the dashboard's script", () => {
  const { code, inputs } = bundleClient();

  it("is built from the server's own renderers, formats and URIs", () => {
    expect(inputs).toEqual(
      expect.arrayContaining([
        'src/dashboard/render/place-tables.ts',
        'src/dashboard/render/compare-tables.ts',
        'src/dashboard/render/format.ts',
        'src/dashboard/dashboard-uris.ts',
        'src/dashboard/period.ts',
      ]),
    );
    expect(code.toString()).toContain('Daily values, ');
  });

  it('holds the contract, the dashboard and hono’s html helper, nothing of the server’s libraries', () => {
    // The documents' schemas are imported for their types only; zod in the script would be
    // several times the size of everything else. Of the domain, only the rule that picks a
    // place's units (°F in the US), so the script asks for what the server's page shows.
    const others = inputs.filter(
      (i) =>
        !/^src\/(contract|dashboard)\//.test(i) &&
        !i.startsWith('node_modules/hono/dist/') &&
        i !== 'src/domain/weather/units.ts',
    );
    expect(others).toEqual([]);
    expect(inputs.filter((i) => i.startsWith('src/dashboard/routes/'))).toEqual([]);
  });
});
