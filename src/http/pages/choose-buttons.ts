import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { OVERRIDE_PARAMETER, ROUTES } from '../../contract/uris/uri-space.ts';

// A visitor's place is remembered by a POST from these forms (src/http/first-visit/place-choice.ts),
// never by a link: they work without JavaScript, and look like the links they replace.

/** A button that remembers a place: a one-field form, so it works without JavaScript. */
export const chooseButton = (ref: string, label: string | HtmlEscapedString) =>
  html`<form class="choose" action="${ROUTES['first-visit']}" method="post"><input type="hidden" name="${OVERRIDE_PARAMETER}" value="${ref}"><button type="submit">${label}</button></form>`;

/** Buttons that each remember their place, in one form (a list of places to pick from). */
export const chooseForm = (body: HtmlEscapedString | Promise<HtmlEscapedString>) =>
  html`<form class="choose" action="${ROUTES['first-visit']}" method="post">${body}</form>`;

/** One place's button inside chooseForm. */
export const choiceButton = (ref: string, label: string | HtmlEscapedString) =>
  html`<button type="submit" name="${OVERRIDE_PARAMETER}" value="${ref}">${label}</button>`;
