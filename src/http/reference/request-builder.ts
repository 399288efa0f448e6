import { z } from '@hono/zod-openapi';
import { html } from 'hono/html';
import { readCalendarDate } from '../../contract/uris/day-uri.ts';
import { ROUTES } from '../../contract/uris/uri-space.ts';
import { UNIT_SYSTEMS } from '../../domain/weather/units.ts';
import { parsedBy } from '../schemas/parsed-by.ts';

const FORMATS = ['html', 'json', 'txt'] as const;
const FORMAT_NAMES: Record<(typeof FORMATS)[number], string> = {
  html: 'Page (HTML)',
  json: 'JSON',
  txt: 'Text',
};

// A plain GET form sends every field, the empty ones as `name=`: empty means left out.
const blankIsAbsent = (v: unknown) => (v === '' ? undefined : v);

/** `/api?place=…`: what the request builder was given (a plain GET form sends it). */
export const builderQuery = z.object({
  place: z
    .string()
    .regex(
      /^[A-Za-z]{2}\/[^/]{1,100}$/,
      'query parameter "place" must be a country code, a slash and a name, like GB/London',
    )
    .optional()
    .openapi({ description: 'The request builder: a place, `{CC}/{Name}`', example: 'GB/London' }),
  date: z
    .preprocess(
      blankIsAbsent,
      z
        .string()
        .transform(parsedBy((text: string) => readCalendarDate(text, 'query parameter "date"')))
        .optional(),
    )
    .openapi({ description: 'The request builder: one local day, `YYYY-MM-DD`', type: 'string' }),
  format: z
    .enum(FORMATS, { error: `query parameter "format" must be one of: ${FORMATS.join(', ')}` })
    .default('json')
    .openapi({ description: 'The request builder: the representation' }),
  units: z
    .preprocess(
      blankIsAbsent,
      z
        .enum(UNIT_SYSTEMS, {
          error: `query parameter "units" must be one of: ${UNIT_SYSTEMS.join(', ')}`,
        })
        .optional(),
    )
    .openapi({ description: "The request builder: units (blank: the place's default)" }),
});

export type BuilderQuery = z.infer<typeof builderQuery>;

/** The example the form starts from. */
const DEFAULT_PLACE = 'GB/London';

/** The request the builder's fields describe; the origin's 301s make any spelling canonical. */
export function builtRequest(q: BuilderQuery): string {
  const [country = '', name = ''] = (q.place ?? DEFAULT_PLACE).split('/');
  const day = q.date ? `/${q.date}` : '';
  const suffix = q.format === 'html' ? '' : `.${q.format}`;
  const units = q.units ? `?units=${q.units}` : '';
  return `/${country.toUpperCase()}/${encodeURIComponent(name)}${day}${suffix}${units}`;
}

const option = (value: string, label: string, chosen: string | undefined) =>
  html`<option value="${value}"${value === (chosen ?? '') ? html` selected` : ''}>${label}</option>`;

/** The builder: a plain GET form back to this page, which then shows the request it built. */
export function builderFormHtml(q: BuilderQuery) {
  return html`<form class="builder" action="${ROUTES['api-reference']}#build" method="get">
<label>Place <input name="place" value="${q.place ?? DEFAULT_PLACE}" required pattern="[A-Za-z]{2}/[^/]+" aria-describedby="place-hint"></label>
<span class="muted" id="place-hint">Country code and name, as in the URI: <code>FR/Paris</code></span>
<label>Day <input name="date" type="date" value="${q.date ?? ''}"></label>
<label>Format <select name="format">${FORMATS.map((f) => option(f, FORMAT_NAMES[f], q.format))}</select></label>
<label>Units <select name="units">${option('', "The place's own", q.units)}${UNIT_SYSTEMS.map((u) => option(u, u, q.units))}</select></label>
<button type="submit">Build the request</button></form>`;
}
