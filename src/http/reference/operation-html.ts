import { html } from 'hono/html';
import type { ExampleAnswer } from './example-answers.ts';
import { inlineMarkdown } from './inline-markdown.ts';
import { type BodyKind, requestSnippets } from './request-snippets.ts';
import { type SchemaNode, typeOf } from './schema-html.ts';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema?: SchemaNode;
  example?: unknown;
}
export interface Operation {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: SchemaNode }> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: SchemaNode }> }
  >;
}

/** An operation as one section of the reference shows it. */
export interface OperationView {
  id: string;
  method: string;
  path: string;
  op: Operation;
  /** Shown instead of the summary. */
  title?: string;
  /** The anchor of the operation's full description, when this is a second listing of it. */
  seeAlso?: string;
  example?: string;
  answer?: ExampleAnswer;
}

export const exampleOf = (p: Parameter) => p.example ?? p.schema?.example;

/** What a parameter is, under its name: where it goes, its type, whether it may be left out. */
function parametersHtml(parameters: Parameter[]) {
  return html`<table class="members"><thead><tr><th>Parameter</th><th>Description</th></tr></thead><tbody>
${parameters.map(
  (
    p,
  ) => html`<tr><td><code>${p.name}</code><br><span class="muted">${p.in} · ${typeOf(p.schema)}${p.required ? '' : ' · optional'}</span></td>
<td>${inlineMarkdown(p.description)}${exampleOf(p) !== undefined ? html` <span class="muted">e.g. <code>${String(exampleOf(p))}</code></span>` : ''}</td></tr>`,
)}</tbody></table>`;
}

function responsesHtml(op: Operation) {
  return html`<dl class="responses">${Object.entries(op.responses ?? {}).map(
    ([status, r]) =>
      html`<dt><code>${status}</code></dt><dd>${inlineMarkdown(r.description)}${Object.entries(
        r.content ?? {},
      ).map(([type, c]) => html`<br><code>${type}</code>: ${typeOf(c.schema)}`)}</dd>`,
  )}</dl>`;
}

const bodyKind = (answer: ExampleAnswer | undefined): BodyKind =>
  /json/.test(answer?.headers['content-type'] ?? '') ? 'json' : 'text';

/** A request, its curl / JavaScript / PHP spellings (curl open), and the answer it gets. */
export function exampleHtml(
  request: string,
  answer: ExampleAnswer | undefined,
  label: string,
  kind = bodyKind(answer),
) {
  const snippets = requestSnippets(request, kind);
  const headers = Object.entries(answer?.headers ?? {}).map(([k, v]) => `${k}: ${v}`);
  const shown = answer
    ? [`HTTP ${answer.status}`, ...headers, ...(answer.body ? ['', answer.body] : [])].join('\n')
    : '';
  return html`<p class="try">Try it: <a href="${request}"><code>GET ${request}</code></a></p>
<div class="snippets">${snippets.map(
    (s, i) =>
      html`<details${i === 0 ? html` open` : ''}><summary>${s.language}</summary><pre tabindex="0" aria-label="${s.language}: ${label}"><code>${s.code}</code></pre></details>`,
  )}</div>
${answer ? html`<p class="answer-label">The answer:</p><pre class="answer" tabindex="0" aria-label="The answer to ${request}"><code>${shown}</code></pre>` : ''}`;
}

/** One operation: what it does, its parameters, an example with its answer, its responses. */
export function operationHtml(v: OperationView) {
  const label = `${v.method.toUpperCase()} ${v.path}`;
  const heading = html`<h3><span class="method">${v.method.toUpperCase()}</span> <code>${v.path}</code></h3>`;
  const example = v.example ? exampleHtml(v.example, v.answer, label) : '';
  if (v.seeAlso)
    return html`<section class="operation" id="${v.id}">${heading}
<p class="summary">${inlineMarkdown(v.title ?? v.op.summary)}; its parameters and answers are under <a href="#${v.seeAlso}">${label}</a>.</p>${example}</section>`;
  const body = v.op.requestBody?.content;
  return html`<section class="operation" id="${v.id}">${heading}
<p class="summary">${inlineMarkdown(v.title ?? v.op.summary)}</p>${v.op.description ? html`<p>${inlineMarkdown(v.op.description)}</p>` : ''}
${v.op.parameters?.length ? parametersHtml(v.op.parameters) : ''}
${body ? html`<p>Body: ${Object.entries(body).map(([type, c]) => html`<code>${type}</code> ${typeOf(c.schema)} `)}</p>` : ''}
${example}
<h4>Answers</h4>${responsesHtml(v.op)}</section>`;
}
