import { raw } from 'hono/html';
import {
  type ProblemDocument,
  type ProblemInit,
  problemDocument,
} from '../../contract/protocol/problem.ts';
import { HTML, problemForm, problemPageMain } from '../../contract/protocol/problem-page.ts';
import { machineProblem } from '../../contract/protocol/problem-text.ts';
import { problemHeading } from '../../contract/protocol/problem-words.ts';
import { page } from './layout.ts';

/** A problem's page in the site's layout: the words the edge uses too (src/contract). */
export function problemHtml(doc: ProblemDocument): Promise<string> {
  const title = `${doc.status} ${problemHeading(doc)}`;
  return page({ title, body: raw(problemPageMain(doc)), credits: [] });
}

/**
 * A problem no cache may keep, in the form its path calls for: a page at HTML URIs, the problem
 * document (RFC 9457) at `.json` and API URIs, its text at `.txt`. Same status and headers.
 */
export async function problemReply(
  init: ProblemInit,
  requestId: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const doc = problemDocument(init, requestId);
  const form = problemForm(init.instance);
  const { contentType, body } =
    form === 'html'
      ? { contentType: HTML, body: await problemHtml(doc) }
      : machineProblem(form, doc);
  return new Response(body, {
    status: doc.status,
    headers: { 'content-type': contentType, 'cache-control': 'no-store', ...headers },
  });
}
