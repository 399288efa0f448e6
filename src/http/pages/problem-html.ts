import { raw } from 'hono/html';
import {
  type ProblemDocument,
  type ProblemInit,
  problemDocument,
  problemResponse,
} from '../../contract/protocol/problem.ts';
import {
  HTML,
  problemForm,
  problemHeading,
  problemPageMain,
} from '../../contract/protocol/problem-page.ts';
import { page } from './layout.ts';

/** A problem's page in the site's layout: the words the edge uses too (src/contract). */
export function problemHtml(doc: ProblemDocument): Promise<string> {
  const title = `${doc.status} ${problemHeading(doc)}`;
  return page({ title, body: raw(problemPageMain(doc)), credits: [] });
}

/**
 * A problem no cache may keep, in the form its path calls for: a page at HTML URIs, the problem
 * document (RFC 9457) at `.json`, `.txt` and API URIs. Same status and headers either way.
 */
export async function problemReply(
  init: ProblemInit,
  requestId: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  if (problemForm(init.instance) === 'json') return problemResponse(init, requestId, headers);
  const doc = problemDocument(init, requestId);
  return new Response(await problemHtml(doc), {
    status: doc.status,
    headers: { 'content-type': HTML, 'cache-control': 'no-store', ...headers },
  });
}
