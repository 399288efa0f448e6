import { z } from '@hono/zod-openapi';
import { DomainError } from '../../contract/protocol/request-errors.ts';

/**
 * A zod transform that reads a value with a contract or domain function, so that schema and
 * parser never disagree: the function's own refusal (Invalid) becomes the issue, message and all.
 */
export function parsedBy<I, O>(read: (value: I) => O) {
  return (value: I, ctx: z.RefinementCtx<I>): O => {
    try {
      return read(value);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message, params: err.extensions });
      return z.NEVER;
    }
  };
}
