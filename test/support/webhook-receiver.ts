import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:{port}` */
  base: string;
  /** Every request, in order of arrival. */
  got: Received[];
  close(): Promise<void>;
}

/**
 * A receiver on 127.0.0.1: `/fail…` answers 500, `/flaky…` 500 the first time, `/slow…` never,
 * anything else 204; it records every request.
 */
export async function startReceiver(): Promise<WebhookReceiver> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      got.push({ path: req.url!, headers: req.headers, body, at: Date.now() });
      if (req.url!.startsWith('/slow')) return;
      const flakyFirst =
        req.url!.startsWith('/flaky') && got.filter((r) => r.path === req.url).length === 1;
      res.writeHead(req.url!.startsWith('/fail') || flakyFirst ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    got,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Checks a delivery as a receiver would, by the Standard Webhooks specification. */
export function verified(secret: string, r: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const id = r.headers['webhook-id'] as string;
  const timestamp = r.headers['webhook-timestamp'] as string;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${r.body}`).digest();
  return (r.headers['webhook-signature'] as string).split(' ').some((s) => {
    const [version, signature] = s.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
