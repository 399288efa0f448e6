import { describe, expect, it } from 'vitest';
import { problemDocument } from './problem.ts';
import { PROBLEM_PAGE_STYLE, PROBLEM_PAGE_STYLE_HASH, problemPage } from './problem-page.ts';

describe('the standalone problem page', () => {
  it("states its style's hash as the CSP source that allows it", async () => {
    const digest = await crypto.subtle.digest(
      'SHA-256',
      new TextEncoder().encode(PROBLEM_PAGE_STYLE),
    );
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    expect(PROBLEM_PAGE_STYLE_HASH).toBe(`sha256-${hash}`);
    const page = problemPage(
      problemDocument({ code: 'no-such-uri', detail: 'x', instance: '/' }, 'id'),
    );
    expect(page).toContain(`<style>${PROBLEM_PAGE_STYLE}</style>`);
  });
});
