import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { inlineMarkdown } from './inline-markdown.ts';

/** A JSON Schema (OpenAPI 3.1) node, as far as the reference page reads it. */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  example?: unknown;
  default?: unknown;
}

const refName = (ref: string) => ref.split('/').pop() ?? ref;
/** The anchor of a named schema on the reference page. */
export const schemaAnchor = (name: string) => `schema-${name}`;

/** A schema's type in a few words, linking named schemas to their section. */
export function typeOf(
  node: SchemaNode | undefined,
): HtmlEscapedString | Promise<HtmlEscapedString> {
  if (!node) return html`any`;
  if (node.$ref) {
    const name = refName(node.$ref);
    return html`<a href="#${schemaAnchor(name)}">${name}</a>`;
  }
  const union = node.anyOf ?? node.oneOf;
  if (union) return html`${union.map((n, i) => html`${i ? ' or ' : ''}${typeOf(n)}`)}`;
  if (node.enum)
    return html`one of ${node.enum.map((v, i) => html`${i ? ', ' : ''}<code>${JSON.stringify(v)}</code>`)}`;
  if (node.const !== undefined) return html`<code>${JSON.stringify(node.const)}</code>`;
  const types = ([] as string[]).concat(node.type ?? 'any');
  if (types.includes('array')) return html`array of ${typeOf(node.items)}`;
  return html`${types.join(' or ')}${node.format ? ` (${node.format})` : ''}`;
}

/** Bounds and patterns, where a schema has them. */
function constraints(node: SchemaNode): string {
  const parts: string[] = [];
  if (node.minimum !== undefined) parts.push(`≥ ${node.minimum}`);
  if (node.maximum !== undefined) parts.push(`≤ ${node.maximum}`);
  if (node.pattern) parts.push(`pattern ${node.pattern}`);
  if (node.default !== undefined) parts.push(`default ${JSON.stringify(node.default)}`);
  return parts.join('; ');
}

/** An object schema's members as a table; any other schema as its type. */
export function schemaHtml(node: SchemaNode) {
  if (!node.properties) return html`<p>${typeOf(node)}</p>`;
  const required = new Set(node.required ?? []);
  return html`<table class="members"><thead><tr><th>Member</th><th>Description</th></tr></thead><tbody>
${Object.entries(node.properties).map(
  ([
    name,
    prop,
  ]) => html`<tr><td><code>${name}</code><br><span class="muted">${typeOf(prop)}${required.has(name) ? '' : ' · optional'}</span></td>
<td>${inlineMarkdown(prop.description)}${constraints(prop) ? html` <span class="muted">${constraints(prop)}</span>` : ''}</td></tr>`,
)}</tbody></table>`;
}
