import { describe, expect, it } from 'vitest';
import { problemDocument } from './problem.ts';
import { problemAnswer, problemForm } from './problem-page.ts';
import { problemText } from './problem-text.ts';

describe('problems at .txt URIs', () => {
  it.each([
    ['/GB/London.txt', 'text'],
    ['/GB/London/2026-11-20.TXT', 'text'],
    ['/GB/London/line.txt', 'text'],
    ['/GB/London.json', 'json'],
    ['/v1/locations/GB/London.txt', 'json'],
    ['/GB/London', 'html'],
  ] as const)('%s takes the %s form', (path, form) => {
    expect(problemForm(path)).toBe(form);
  });

  it('reads as words first, then lists every member of the document on its own line', () => {
    const doc = problemDocument(
      {
        code: 'unknown-place',
        detail: 'no place "atlantis" is known in GB',
        instance: '/GB/Atlantis.txt',
        extensions: { parameter: 'units', allowed: ['metric', 'imperial'] },
      },
      'req-1',
    );
    expect(problemText(doc)).toBe(
      [
        'Error 404 · Unknown Place',
        'We do not know that place. No place "atlantis" is known in GB.',
        'Place names are spelled as in the catalog; search finds them by the start of their name.',
        'Find a place: /search?q=Atlantis · API reference: /api',
        '',
        'type: about:blank',
        'parameter: units',
        'allowed: ["metric","imperial"]',
        'status: 404',
        'code: unknown-place',
        'title: Unknown Place',
        'detail: no place "atlantis" is known in GB',
        'instance: /GB/Atlantis.txt',
        'request_id: req-1',
        '',
      ].join('\n'),
    );
  });

  it('keeps a detail on one line, so the member list cannot be forged', () => {
    const doc = problemDocument({
      code: 'invalid-request',
      detail: 'bad\r\ncode: internal',
      instance: '/x.txt',
    });
    const members = problemText(doc).split('\n\n')[1]!.split('\n');
    expect(members.filter((l) => l.startsWith('code: '))).toEqual(['code: invalid-request']);
  });

  it('is what the edge and the server refusals answer at a .txt URI', () => {
    const answer = problemAnswer(
      '/no/such.txt',
      { code: 'no-such-uri', detail: 'x', instance: '/no/such.txt' },
      'id',
    );
    expect(answer.contentType).toBe('text/plain; charset=utf-8');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatch(/^Error 404 · Not Found\n/);
  });
});
