import { createHash } from 'node:crypto';

/** An answer's Content-Security-Policy as directive → sources. */
export const policyOf = (res: Response) =>
  new Map(
    (res.headers.get('content-security-policy') ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name = '', ...sources]) => [name, sources] as const),
  );

/** The CSP source that allows an inline `<style>` holding exactly `text`. */
export const sha256 = (text: string) =>
  `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
