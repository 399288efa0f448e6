import { describe, expect, it } from 'vitest';
import { inlineMarkdown } from './inline-markdown.ts';

const render = async (text: string | undefined) => (await inlineMarkdown(text)).toString();

describe('inlineMarkdown', () => {
  it('sets code spans as <code> and escapes everything else', async () => {
    expect(await render('errors are `application/problem+json` with a `code` <b>')).toBe(
      'errors are <code>application/problem+json</code> with a <code>code</code> &lt;b&gt;',
    );
  });

  it('escapes markup inside a code span too', async () => {
    expect(await render('`<script>`')).toBe('<code>&lt;script&gt;</code>');
  });

  it('leaves a lone backtick and no text as they are', async () => {
    expect(await render('a ` b')).toBe('a ` b');
    expect(await render(undefined)).toBe('');
  });
});
