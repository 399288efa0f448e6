import { z } from '@hono/zod-openapi';
import { problemSchema } from '../../documents/document-schemas.ts';

/** Response declarations shared by routes, for the OpenAPI description. */
export const jsonBody = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

export const movedPermanently = {
  description: 'Another spelling of a URI: `Location` names the canonical one (cached for a day)',
  headers: z.object({ location: z.string() }),
};

export const notModified = {
  description: 'Unchanged since the copy the client holds (`If-None-Match`, `If-Modified-Since`)',
};

export const badRequest = problem(
  'A malformed path, or a query parameter that is unknown, repeated or out of range',
);

/**
 * A problem at a URI people open too: a page (`text/html`) at HTML URIs, the problem document at
 * `.json` ones, the same as text at `.txt` (chosen by the path, never by `Accept`).
 */
export const problemOrPage = (description: string) => ({
  description:
    `${description}. A page at HTML URIs, the problem document at .json, and at .txt the ` +
    'problem as text ending in its members as `name: value` lines',
  content: {
    'application/problem+json': { schema: problemSchema },
    'text/html': { schema: z.string() },
    'text/plain': { schema: z.string() },
  },
});

export const badRequestOrPage = problemOrPage(
  'A malformed path, or a query parameter that is unknown, repeated or out of range',
);
