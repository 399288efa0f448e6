/**
 * Request headers that describe one connection, not the request (RFC 9110 §7.6.1), plus two a
 * proxy must not pass on: `Proxy-Authorization` (credentials for this hop) and `Expect`. The
 * worker's fetch cannot take part in `Expect: 100-continue` (it sends the body at once and waits
 * for one final answer), and an origin asked to `100 Continue` answers with an interim status
 * the fetch was never meant to read; curl adds the header to any body over 1 MiB.
 */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
];

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/** The headers without the hop-by-hop ones, and without any that `Connection` names. */
export function withoutHopByHop(headers: Headers): Headers {
  const kept = new Headers(headers);
  for (const token of (headers.get('connection') ?? '').split(',')) {
    const name = token.trim().toLowerCase();
    // A token that is no header name (Headers would throw on it) names nothing to remove.
    if (TOKEN.test(name)) kept.delete(name);
  }
  for (const name of HOP_BY_HOP) kept.delete(name);
  return kept;
}
