import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { DomainError, Invalid } from '../../contract/protocol/request-errors.ts';
import { OVERRIDE_PARAMETER } from '../../contract/uris/uri-space.ts';
import { bodyText } from '../body/body-text.ts';
import type { AppEnv } from '../context.ts';

/**
 * Choosing a place to remember is a POST from a form of isobar's own pages, never a GET: a link
 * or a frame on another site cannot set a visitor's place. `GET /?place=` (old links) only asks.
 */

/** A form body is a place reference, a few dozen bytes; anything much longer is not one. */
const MAX_FORM_BYTES = 1024;
const FORM = 'application/x-www-form-urlencoded';

/**
 * The choice must come from this site: a browser says so in Sec-Fetch-Site, an older one by an
 * Origin on this host (the request's own, or the public one a proxy in front forwards). Hono's
 * check, its refusal given in isobar's words.
 */
export function fromOurPages(): MiddlewareHandler<AppEnv> {
  const check = csrf({
    origin: (origin, c) => {
      const host = URL.canParse(origin) ? new URL(origin).host : null;
      return (
        host !== null && [new URL(c.req.url).host, c.req.header('x-forwarded-host')].includes(host)
      );
    },
  });
  return async (c, next) => {
    let allowed = false;
    try {
      await check(c, async () => {
        allowed = true;
      });
    } catch (error) {
      if (!(error instanceof HTTPException)) throw error;
    }
    if (!allowed) {
      throw new DomainError(
        'forbidden',
        "a place is remembered only when chosen on this site's own pages; this request came from elsewhere",
      );
    }
    await next();
  };
}

/** The `place` a chosen-place form sends, refused with a message when the body is not that. */
export async function readChoice(request: Request): Promise<string> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== FORM) {
    throw new DomainError(
      'unsupported-media-type',
      `send the chosen place as a form (${FORM}), not ${type ? type.slice(0, 100) : 'without a Content-Type'}`,
    );
  }
  let body = '';
  for await (const text of bodyText(request, MAX_FORM_BYTES)) body += text;
  const place = new URLSearchParams(body).getAll(OVERRIDE_PARAMETER);
  if (place.length !== 1 || !place[0]) {
    throw new Invalid(`the form must send one "${OVERRIDE_PARAMETER}", a place such as GB/London`, {
      parameter: OVERRIDE_PARAMETER,
    });
  }
  return place[0];
}
