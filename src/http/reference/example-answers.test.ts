import { describe, expect, it } from 'vitest';
import { abridgedJson, exampleAnswer, keptExamples } from './example-answers.ts';

describe('abridgedJson', () => {
  it('lays JSON out as JSON.stringify does when no array is long', () => {
    const value = { a: [1, 2, 3], b: { c: 'x', d: null }, e: [], f: {} };
    expect(abridgedJson(value)).toBe(JSON.stringify(value, null, 2));
  });

  it('cuts a long array to its first two items and counts the rest', () => {
    expect(abridgedJson({ hours: [{ t: 1 }, { t: 2 }, { t: 3 }, { t: 4 }] })).toBe(
      '{\n  "hours": [\n    {\n      "t": 1\n    },\n    {\n      "t": 2\n    },\n    … 2 more\n  ]\n}',
    );
  });
});

describe('exampleAnswer', () => {
  it('keeps the status, the headers a caller acts on, and the body laid out', async () => {
    const res = new Response('{"a":[1,2,3,4]}', {
      status: 200,
      headers: { 'content-type': 'application/json', etag: '"x"', 'cache-control': 'public' },
    });
    expect(await exampleAnswer(res)).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'public' },
      body: '{\n  "a": [\n    1,\n    2,\n    … 2 more\n  ]\n}',
    });
  });

  it('keeps no body for a redirect or a page', async () => {
    const moved = new Response(null, { status: 301, headers: { location: '/GB/London' } });
    expect(await exampleAnswer(moved)).toEqual({
      status: 301,
      headers: { location: '/GB/London' },
      body: null,
    });
    const page = new Response('<p>hi</p>', { headers: { 'content-type': 'text/html' } });
    expect((await exampleAnswer(page)).body).toBeNull();
  });
});

describe('keptExamples', () => {
  it('keeps each body as its lines, so that a changed answer diffs by line', () => {
    const kept = keptExamples({
      '/x.txt': { status: 200, headers: {}, body: 'a\nb' },
      '/y': { status: 301, headers: { location: '/z' }, body: null },
    });
    expect(JSON.parse(kept)).toEqual({
      '/x.txt': { status: 200, headers: {}, body: ['a', 'b'] },
      '/y': { status: 301, headers: { location: '/z' }, body: null },
    });
  });
});
