import { html } from 'hono/html';
import { openApiPath, ROUTES } from '../../contract/uris/uri-space.ts';
import { page } from '../pages/layout.ts';
import { COPY_SCRIPT } from '../site/asset-table.ts';
import type { ExampleAnswers } from './example-answers.ts';
import { inlineMarkdown } from './inline-markdown.ts';
import {
  exampleHtml,
  exampleOf,
  type Operation,
  type OperationView,
  operationHtml,
} from './operation-html.ts';
import { REFERENCE_SECTIONS } from './reference-sections.ts';
import { REFERENCE_STYLE } from './reference-style.ts';
import { type BuilderQuery, builderFormHtml, builtRequest } from './request-builder.ts';
import { SNIPPET_ORIGIN } from './request-snippets.ts';
import { type SchemaNode, schemaAnchor, schemaHtml } from './schema-html.ts';

/** The parts of an OpenAPI 3.1 document the reference page shows. */
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Partial<Record<'get' | 'post', Operation>>>;
  components?: { schemas?: Record<string, SchemaNode> };
}

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

interface SectionView {
  id: string;
  title: string;
  operations: OperationView[];
}

/** The document's operations in the reference's sections; each listed once, the rest together. */
export function referenceSections(doc: OpenApiDocument, answers: ExampleAnswers): SectionView[] {
  const ids = new Set<string>();
  const unique = (id: string) => {
    let n = 1;
    while (ids.has(n === 1 ? id : `${id}-${n}`)) n++;
    const made = n === 1 ? id : `${id}-${n}`;
    ids.add(made);
    return made;
  };
  const listed = new Set<string>();
  const view = (method: 'get' | 'post', path: string, extra: Partial<OperationView> = {}) => {
    const op = doc.paths[path]?.[method];
    if (!op) return [];
    listed.add(`${method} ${path}`);
    const example = extra.example;
    return [
      {
        ...extra,
        id: unique(anchorOf(method, path)),
        method,
        path,
        op,
        answer: example ? answers[example] : undefined,
      },
    ];
  };
  const sections = REFERENCE_SECTIONS.map((s) => ({
    id: s.id,
    title: s.title,
    rest: s.rest,
    operations: s.entries.flatMap((e) =>
      view(e.method ?? 'get', openApiPath(ROUTES[e.route]), {
        example: e.example,
        title: e.title,
        seeAlso: e.seeAlso && anchorOf('get', openApiPath(ROUTES[e.seeAlso])),
      }),
    ),
  }));
  for (const s of sections.filter((s) => s.rest)) {
    s.operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      (['get', 'post'] as const).flatMap((m) =>
        item[m] && !listed.has(`${m} ${path}`) ? view(m, path) : [],
      ),
    );
  }
  return sections;
}

function builderHtml(q: BuilderQuery) {
  const request = builtRequest(q);
  return html`<section id="build" class="build"><h2>Build a request</h2>
${builderFormHtml(q)}
${exampleHtml(request, undefined, 'the request built above', q.format === 'json' ? 'json' : 'text')}</section>`;
}

/** The OpenAPI description as a page for people: sections of operations, then every schema. */
export function apiReferenceHtml(
  doc: OpenApiDocument,
  answers: ExampleAnswers,
  builder: BuilderQuery,
  credits: readonly string[],
) {
  const sections = referenceSections(doc, answers);
  const schemas = Object.entries(doc.components?.schemas ?? {});
  const body = html`<h1>${doc.info.title} API reference</h1>
<p class="muted">Version ${doc.info.version} · OpenAPI 3.1: <a href="/v1/openapi.json">/v1/openapi.json</a></p>
<p>${inlineMarkdown(doc.info.description)}</p>
<p>Every example below was answered by isobar itself, from its demo data (arrays cut to their first items); its link asks this server now. The snippets call <code>${SNIPPET_ORIGIN}</code>, where <code>npm start</code> serves: put your server's address there.</p>
<nav class="toc" aria-label="Contents"><h2>Contents</h2><ul>
<li><a href="#build">Build a request</a></li>
${sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}
<li><a href="#schemas">Schemas</a></li></ul></nav>
${builderHtml(builder)}
${sections.map(
  (s) => html`<section class="group" id="${s.id}"><h2>${s.title}</h2>
${s.operations.map(operationHtml)}</section>`,
)}
<section id="schemas"><h2>Schemas</h2>
${schemas.map(
  ([name, schema]) => html`<section class="schema" id="${schemaAnchor(name)}"><h3>${name}</h3>
${schema.description ? html`<p>${inlineMarkdown(schema.description)}</p>` : ''}${schemaHtml(schema)}</section>`,
)}</section>`;
  return page({
    title: 'API reference',
    body,
    credits,
    style: REFERENCE_STYLE,
    script: COPY_SCRIPT,
  });
}
