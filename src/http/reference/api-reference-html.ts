import { html } from 'hono/html';
import { page } from '../pages/layout.ts';
import { type SchemaNode, schemaAnchor, schemaHtml, typeOf } from './schema-html.ts';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema?: SchemaNode;
  example?: unknown;
}
interface Operation {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: SchemaNode }> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: SchemaNode }> }
  >;
}
/** The parts of an OpenAPI 3.1 document the reference page shows. */
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Partial<Record<'get' | 'post', Operation>>>;
  components?: { schemas?: Record<string, SchemaNode> };
}

const exampleOf = (p: Parameter) => p.example ?? p.schema?.example;

/**
 * A request that works, from the parameters' examples: path parameters filled in, required
 * query parameters added. Null when an example is missing.
 */
export function exampleRequest(path: string, op: Operation): string | null {
  let filled = path;
  const query: string[] = [];
  for (const p of op.parameters ?? []) {
    const example = exampleOf(p);
    if (p.in === 'path') {
      if (example === undefined) return null;
      filled = filled.replace(`{${p.name}}`, String(example));
    } else if (p.in === 'query' && p.required) {
      if (example === undefined) return null;
      query.push(`${p.name}=${encodeURIComponent(String(example))}`);
    }
  }
  return query.length > 0 ? `${filled}?${query.join('&')}` : filled;
}

const anchorOf = (method: string, path: string) =>
  `${method}-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'root'}`;

function operationHtml(method: string, path: string, op: Operation) {
  const example = method === 'get' ? exampleRequest(path, op) : null;
  const body = op.requestBody?.content;
  return html`<section class="operation" id="${anchorOf(method, path)}">
<h3><code>${method.toUpperCase()} ${path}</code></h3>
<p><strong>${op.summary ?? ''}</strong></p>${op.description ? html`<p>${op.description}</p>` : ''}
${example ? html`<p>Example: <a href="${example}"><code>${example}</code></a></p>` : ''}
${
  op.parameters?.length
    ? html`<table><thead><tr><th>Parameter</th><th>In</th><th>Type</th><th>Description</th></tr></thead><tbody>
${op.parameters.map(
  (
    p,
  ) => html`<tr><td><code>${p.name}</code>${p.required ? '' : html` <span class="muted">optional</span>`}</td><td>${p.in}</td>
<td>${typeOf(p.schema)}</td><td>${p.description ?? ''}${exampleOf(p) !== undefined ? html` <span class="muted">e.g. <code>${String(exampleOf(p))}</code></span>` : ''}</td></tr>`,
)}</tbody></table>`
    : ''
}
${body ? html`<p>Body: ${Object.entries(body).map(([type, c]) => html`<code>${type}</code> ${typeOf(c.schema)} `)}</p>` : ''}
<dl class="responses">${Object.entries(op.responses ?? {}).map(
    ([status, r]) =>
      html`<dt><code>${status}</code></dt><dd>${r.description ?? ''}${Object.entries(
        r.content ?? {},
      ).map(([type, c]) => html`<br><code>${type}</code>: ${typeOf(c.schema)}`)}</dd>`,
  )}</dl></section>`;
}

/** The reference's own styles, after the site's (allowed by hash: src/http/inline-styles.ts). */
export const REFERENCE_STYLE = `.operation{background:#fff;border:1px solid #e3e8ee;border-radius:.4rem;padding:.2rem 1rem;margin:1rem 0;overflow-x:auto}
dl.responses dt{float:left;clear:left;width:3.5rem}dl.responses dd{margin:0 0 .4rem 3.5rem}nav.toc ul{columns:2 18rem}
section.schema table{margin-bottom:1rem}`;

/** The OpenAPI description as a page for people: every operation, then every schema. */
export function apiReferenceHtml(doc: OpenApiDocument, credits: readonly string[]) {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    (['get', 'post'] as const).flatMap((m) => (item[m] ? [[m, path, item[m]!] as const] : [])),
  );
  const schemas = Object.entries(doc.components?.schemas ?? {});
  const body = html`<h1>${doc.info.title} API reference</h1>
<p class="muted">Version ${doc.info.version} · OpenAPI 3.1: <a href="/v1/openapi.json">/v1/openapi.json</a></p>
<p>${doc.info.description ?? ''}</p>
<nav class="toc"><h2>Operations</h2><ul>${operations.map(
    ([m, path, op]) =>
      html`<li><a href="#${anchorOf(m, path)}"><code>${m.toUpperCase()} ${path}</code></a> ${op.summary ?? ''}</li>`,
  )}</ul></nav>
${operations.map(([m, path, op]) => operationHtml(m, path, op))}
<h2>Schemas</h2>
${schemas.map(
  ([name, schema]) => html`<section class="schema" id="${schemaAnchor(name)}"><h3>${name}</h3>
${schema.description ? html`<p>${schema.description}</p>` : ''}${schemaHtml(schema)}</section>`,
)}`;
  return page({ title: 'API reference', body, credits, style: REFERENCE_STYLE });
}
