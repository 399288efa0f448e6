import type { HtmlEscapedString } from 'hono/utils/html';
import { problemDetail } from '../api-documents.ts';
import { BadQuery } from '../period.ts';

// What the script reads from the server's page and the API, and writes back: elements by id,
// checked, so a page that lacks one fails at once rather than half redrawn.

/** An element of the page by id, of the kind the script expects. */
export function byId<T extends HTMLElement>(id: string, kind: abstract new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof kind)) throw new Error(`the page has no ${kind.name} #${id}`);
  return element;
}

/** An input of a form by name. */
export function field(form: HTMLFormElement, name: string): HTMLInputElement {
  const input = form.elements.namedItem(name);
  if (!(input instanceof HTMLInputElement)) throw new Error(`the form has no input "${name}"`);
  return input;
}

/** Replaces what an element holds with markup the shared renderers made (escaped there). */
export async function fill(id: string, markup: HtmlEscapedString | Promise<HtmlEscapedString>) {
  byId(id, HTMLElement).innerHTML = (await markup).toString();
}

/** Says how the last request went, in the page's status line. */
export function say(text: string, bad = false) {
  const message = byId('message', HTMLElement);
  message.textContent = text;
  message.classList.toggle('bad', bad);
}

/**
 * Reads what the visitor asked for with the server's own readers (period, places); when they
 * refuse it, says why in the server's words and gives null.
 */
export function readAsked<T>(what: string, read: () => T): T | null {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof BadQuery)) throw err;
    say(`${what} cannot be shown: ${err.message}.`, true);
    return null;
  }
}

/**
 * GETs a document of the public API. Typed, not parsed: the server read the same URIs by their
 * schemas, and zod in the browser would outweigh the rest of the script many times over.
 */
export function createBrowserApi(base: string) {
  return async <T>(path: string): Promise<T> => {
    const response = await fetch(`${base}${path}`, { headers: { accept: 'application/json' } });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw new Error(problemDetail(body) ?? `the API answered ${response.status}`);
    return body as T;
  };
}

/** The message of a failure, for the status line. */
export const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));
