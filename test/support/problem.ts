import { expect } from 'vitest';

/** The content types a problem comes in: the document itself, or a page for people. */
export const PROBLEM_OR_PAGE = /^(application\/problem\+json|text\/html); charset=utf-8$/;

/**
 * The problem document of an answer: its body (`application/problem+json`), or the copy an HTML
 * error page carries in `<script type="application/problem+json">`.
 */
// biome-ignore lint/suspicious/noExplicitAny: tests read members of any problem
export async function problemOf(res: Response): Promise<Record<string, any>> {
  const type = res.headers.get('content-type') ?? '';
  expect(type).toMatch(PROBLEM_OR_PAGE);
  const text = await res.text();
  if (type.startsWith('application/problem+json')) return JSON.parse(text);
  const embedded = /<script type="application\/problem\+json" id="problem">(.*?)<\/script>/s.exec(
    text,
  );
  expect(embedded, 'an HTML error page carries its problem document').not.toBeNull();
  return JSON.parse(embedded![1]!);
}
