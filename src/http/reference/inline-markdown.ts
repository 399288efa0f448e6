import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

const CODE_SPAN = /`([^`]+)`/g;

/**
 * A description as the route declarations write it (CommonMark, as OpenAPI says descriptions
 * are), with its code spans set as `<code>`. Only code spans: the declarations use nothing else,
 * and every other character is escaped, so a description can never inject markup.
 */
export function inlineMarkdown(
  text: string | undefined,
): HtmlEscapedString | Promise<HtmlEscapedString> {
  const parts: (string | HtmlEscapedString | Promise<HtmlEscapedString>)[] = [];
  let last = 0;
  for (const match of (text ?? '').matchAll(CODE_SPAN)) {
    parts.push(text!.slice(last, match.index), html`<code>${match[1]}</code>`);
    last = match.index + match[0].length;
  }
  parts.push((text ?? '').slice(last));
  return html`${parts}`;
}
