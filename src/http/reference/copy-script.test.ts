import { describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../site/browser-bundle.ts';

describe("the API reference's copy script", () => {
  const { code, inputs } = bundleForBrowser('src/http/reference/client/copy-script.ts');

  it('is its one file, small, and makes buttons only where the Clipboard API is', () => {
    expect(inputs).toEqual(['src/http/reference/client/copy-script.ts']);
    expect(code.length).toBeLessThan(2 * 1024);
    expect(code.toString()).toContain('navigator.clipboard');
  });
});
