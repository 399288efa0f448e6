import { describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../site/browser-bundle.ts';

describe("the site's search script", () => {
  const { code, inputs } = bundleForBrowser('src/http/search/client/search-script.ts');

  it("folds and spells URIs with the contract's own functions, and holds nothing else", () => {
    expect(inputs).toEqual(
      expect.arrayContaining(['src/contract/uris/slug.ts', 'src/contract/uris/uri-space.ts']),
    );
    expect(inputs.filter((i) => !/^src\/(contract\/|http\/search\/client\/)/.test(i))).toEqual([]);
    // A few kilobytes: every page loads it.
    expect(code.length).toBeLessThan(8 * 1024);
  });
});
