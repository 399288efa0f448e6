import type { RouteName } from '../uris/uri-space.ts';

/**
 * What a browser may do with an answer, decided here and nowhere else, per route and per kind
 * of answer: the origin's envelope asks it for every answer (cached copies too), and the edge
 * for the answers it makes itself. The headers are the same for every request of a route, so a
 * shared cache keeps them with the body and needs no nonce: the pages' inline styles are
 * allowed by their hashes, their scripts come from files of the same origin.
 */
export type Framing = 'none' | 'any';

/**
 * Routes whose pages other sites may frame: the embed widget, made for it (its pages get
 * `frame-ancestors *` and no X-Frame-Options); every other page stays `frame-ancestors 'none'`.
 */
const FRAMING: Partial<Record<RouteName, Framing>> = { 'place-widget': 'any' };

/**
 * Routes that answer an SVG image styled by the pages' hashed inline styles and carrying its
 * pictures as data URIs (the meteogram): opened on its own, it is a document, and the policy of
 * other answers would leave it unstyled.
 */
const STYLED_IMAGES: ReadonlySet<string> = new Set<RouteName>(['place-meteogram']);

/** How a route's answers may be framed. */
export const framingOf = (route: string | null): Framing =>
  (route !== null && FRAMING[route as RouteName]) || 'none';

/** On every answer, whatever it is: no type sniffing, and no path sent to other sites. */
export const ALWAYS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

export interface SecurityHeadersOptions {
  /** `sha256-…` sources of every inline `<style>` the pages carry. */
  styleHashes: readonly string[];
  /** Origins a page's script may fetch from besides its own (a dashboard reading another API). */
  connectSources?: readonly string[];
}

/** The headers for an answer: by its route, its status and its Content-Type. */
export type SecurityHeaders = (
  route: string | null,
  status: number,
  contentType: string | null | undefined,
) => Readonly<Record<string, string>>;

const ancestors = (framing: Framing) => (framing === 'none' ? "'none'" : '*');

/** The policy of an HTML page: its own scripts, styles (and the hashed inline ones), images. */
function pagePolicy(options: SecurityHeadersOptions, framing: Framing): string {
  const styles = options.styleHashes.map((hash) => `'${hash}'`);
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src ${["'self'", ...styles].join(' ')}`,
    "img-src 'self'",
    `connect-src ${["'self'", ...(options.connectSources ?? [])].join(' ')}`,
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${ancestors(framing)}`,
  ].join('; ');
}

/**
 * Builds the table once: HTML pages get their policy, X-Frame-Options for browsers that predate
 * `frame-ancestors`, and their own browsing context group; anything else (JSON, text, images,
 * scripts) a policy that lets it do nothing should a browser ever render it as a document. A 304
 * gets only what every kind shares: its headers update the stored answer's (RFC 9111 §4.3.4),
 * and a 304 says nothing of the type it revalidates.
 */
export function createSecurityHeaders(options: SecurityHeadersOptions): SecurityHeaders {
  const table = (framing: Framing) => {
    const page: Record<string, string> = {
      ...ALWAYS,
      'content-security-policy': pagePolicy(options, framing),
      'cross-origin-opener-policy': 'same-origin',
    };
    if (framing === 'none') page['x-frame-options'] = 'DENY';
    const other = {
      ...ALWAYS,
      'content-security-policy': `default-src 'none'; frame-ancestors ${ancestors(framing)}`,
    };
    const image = {
      ...ALWAYS,
      'content-security-policy': [
        "default-src 'none'",
        `style-src ${options.styleHashes.map((hash) => `'${hash}'`).join(' ')}`,
        'img-src data:',
        `frame-ancestors ${ancestors(framing)}`,
      ].join('; '),
    };
    return { page: Object.freeze(page), other: Object.freeze(other), image: Object.freeze(image) };
  };
  const tables = { none: table('none'), any: table('any') };
  return (route, status, contentType) => {
    if (status === 304) return ALWAYS;
    const kinds = tables[framingOf(route)];
    if (contentType?.startsWith('text/html')) return kinds.page;
    return route !== null && STYLED_IMAGES.has(route) && contentType?.startsWith('image/svg+xml')
      ? kinds.image
      : kinds.other;
  };
}
