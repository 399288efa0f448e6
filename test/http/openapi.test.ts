import { validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { openApiPath, ROUTES } from '../../src/contract/uris/uri-space.ts';
import {
  dayDocumentSchema,
  healthSchema,
  historySchema,
  locationDocumentSchema,
  nearestSchema,
  placeDocumentSchema,
  problemSchema,
  searchSchema,
} from '../../src/documents/document-schemas.ts';
import { exampleRequest } from '../../src/http/reference/api-reference-html.ts';
import { drivers } from '../support/databases.ts';
import { json, useTestOrigin } from '../support/fixture.ts';

describe('the OpenAPI description', () => {
  const origin = useTestOrigin(drivers[0]!);

  it('describes every route of the URI space, generated from the route declarations', async () => {
    const res = await origin().get('/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=3600/);
    const doc = await json(res);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(Object.values(ROUTES).map(openApiPath).sort());
    const place = doc.paths['/{country}/{name}'].get;
    expect(place.parameters.map((p: { name: string }) => p.name)).toEqual([
      'country',
      'name',
      'units',
    ]);
    expect(Object.keys(place.responses)).toEqual(['200', '301', '304', '400', '404']);
    const names = (path: string) =>
      doc.paths[path].get.parameters.map((p: { name: string }) => p.name);
    expect(names('/{country}/{name}/{date}')).toEqual(['country', 'name', 'date', 'units']);
    expect(names('/v1/locations/{country}/{name}/history').sort()).toEqual(
      ['country', 'from', 'limit', 'name', 'to', 'units'].sort(),
    );
    const search = doc.paths['/v1/locations'].get.parameters;
    expect(search.map((p: { name: string }) => p.name).sort()).toEqual(['country', 'limit', 'q']);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'PlaceDocument',
        'Location',
        'Nearest',
        'SearchResults',
        'Problem',
        'DayDocument',
        'History',
        'ObservationRow',
        'ForecastRow',
        'WriteResult',
        'PurgeRequest',
      ]),
    );
  });

  it.each([
    ['/GB/London.json', placeDocumentSchema],
    ['/GB/London.json?units=imperial', placeDocumentSchema],
    ['/US/London-KY.json', placeDocumentSchema],
    ['/GB/London/2026-11-22.json', dayDocumentSchema],
    ['/GB/London/2026-11-22.json?units=imperial', dayDocumentSchema],
    ['/v1/locations/GB/London/history?from=2026-11-01&to=2026-11-30', historySchema],
    ['/v1/locations/GB/London/history?from=2025-11-01&to=2025-11-30', historySchema],
    ['/GB/London/2026-11-01.json', problemSchema],
    ['/v1/locations?q=lon', searchSchema],
    ['/v1/locations/GB/London', locationDocumentSchema],
    ['/v1/nearest?lat=51.51&lon=-0.13', nearestSchema],
    ['/healthz', healthSchema],
    ['/GB/Atlantis.json', problemSchema],
    ['/v1/locations?q=', problemSchema],
  ] as const)('answers %s as its declared schema says', async (path, schema) => {
    const body = await origin().getJson(path);
    // Parsing strips what a schema does not declare: equal means nothing undeclared was sent.
    expect(schema.parse(body)).toEqual(body);
  });
});

/** A JSON pointer segment (RFC 6901). */
const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

describe('the OpenAPI description, checked against the answers', () => {
  const origin = useTestOrigin(drivers[0]!);

  it('is a valid OpenAPI 3.1 document (checked by @readme/openapi-parser)', async () => {
    const doc = await origin().getJson('/v1/openapi.json');
    // The parser dereferences in place: give it a copy.
    await expect(validate(structuredClone(doc))).resolves.toMatchObject({ valid: true });
  });

  it('answers every documented operation as described, called with its examples', async () => {
    const doc = await origin().getJson('/v1/openapi.json');
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema(doc, 'openapi');
    const checked: string[] = [];
    // biome-ignore lint/suspicious/noExplicitAny: the document is read as plain JSON
    type Json = any;
    for (const [path, item] of Object.entries<Record<string, Json>>(doc.paths)) {
      for (const [method, op] of Object.entries<Json>(item)) {
        const target = method === 'get' ? exampleRequest(path, op) : path;
        expect(target, `${method} ${path} has examples for its parameters`).not.toBeNull();
        // Writes are called without a token: the documented refusal, in the documented shape.
        const res = await origin().app.request(target!, { method: method.toUpperCase() });
        const label = `${method.toUpperCase()} ${target} answered ${res.status}`;
        expect(Object.keys(op.responses), label).toContain(String(res.status));
        expect(res.status, label).toBeLessThan(500);
        const type = res.headers.get('content-type')?.split(';')[0] ?? '';
        const content = op.responses[res.status].content;
        if (content) expect(Object.keys(content), label).toContain(type);
        if (content && /json/.test(type)) {
          const ref = pointer(
            'paths',
            path,
            method,
            'responses',
            String(res.status),
            'content',
            type,
            'schema',
          );
          const check = ajv.compile({ $ref: `openapi#/${ref}` });
          const valid = check(await res.json());
          expect(check.errors ?? [], label).toEqual([]);
          expect(valid).toBe(true);
        }
        checked.push(label);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(Object.keys(doc.paths).length);
  });
});
