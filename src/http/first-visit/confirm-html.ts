import { html } from 'hono/html';
import type { RouteDeps } from '../context.ts';
import { chooseButton } from '../pages/choose-buttons.ts';
import { page } from '../pages/layout.ts';

/**
 * What an old "make this my place" link (`GET /?place=`) answers: the choice offered, not made,
 * so that no link or frame elsewhere can set a visitor's place.
 */
export async function confirmPage(deps: RouteDeps, path: string): Promise<string> {
  const ref = path.slice(1);
  const body = html`<h1>Remember ${ref} as your place?</h1>
<p>isobar then opens it whenever you come to <a href="/">the front page</a> on this browser.</p>
<p>${chooseButton(ref, `Remember ${ref}`)}</p>
<p><a href="${path}">Go to ${ref} without remembering it</a></p>`;
  return page({ title: `Remember ${ref}?`, body, credits: deps.credits });
}
