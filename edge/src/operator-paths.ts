/**
 * The operator's pages: served by the origin to METRICS_ALLOW only, and never through the public
 * edge, whatever the spelling. In production a WAF custom rule refuses them before any cache
 * (edge/README.md); the worker refuses them too, for wherever it stands in front of everything.
 */
export const OPERATOR_PATHS = ['/metrics', '/healthz', '/dashboard/operations'] as const;

/**
 * The path as a permissive server could route it, for comparisons only: percent-escapes of ASCII
 * decoded again and again (`%256d` is `m` to a server that decodes twice), backslashes read as
 * slashes, repeated slashes folded, dot segments resolved, lower case.
 */
export function originPath(rawPath: string): string {
  // Most paths have nothing to decode, fold or resolve.
  if (!/[%\\]|\/\/|\/\.|\.\//.test(rawPath)) return rawPath.toLowerCase();
  let path = rawPath;
  for (let previous = ''; previous !== path; ) {
    previous = path;
    path = path.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
  const segments: string[] = [];
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  const trailing = /[\\/]\.{0,2}$/.test(path) && segments.length > 0 ? '/' : '';
  return `/${segments.join('/')}${trailing}`.toLowerCase();
}

/**
 * Whether a path names an operator page in any spelling: case, `//`, percent-escapes, dot
 * segments, a trailing slash, an extension (`/metrics.json`), parameters (`;x`) or anything below.
 */
export function isOperatorPath(rawPath: string): boolean {
  const path = originPath(rawPath);
  return OPERATOR_PATHS.some(
    (operator) =>
      path === operator ||
      (path.startsWith(operator) && /^[/.;]/.test(path.slice(operator.length))),
  );
}
