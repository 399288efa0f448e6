import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { AddressCheck } from '../domain/webhook-address.ts';

/** Why a URL is refused, or a delivery failed: said in the subscription's last outcome. */
export class WebhookFailure extends Error {
  override name = 'WebhookFailure';
}

/** The host's addresses (a literal address is its own), checked against the operator's rule. */
export async function checkedAddresses(
  url: URL,
  check: AddressCheck,
): Promise<{ address: string; family: number }[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const found = await lookup(host, { all: true, verbatim: true }).catch((err: Error) => {
    throw new WebhookFailure(
      `${host} does not resolve (${(err as { code?: string }).code ?? err.message})`,
    );
  });
  const refused = check(
    found.map((a) => a.address),
    url.protocol,
  );
  if (refused) throw new WebhookFailure(refused);
  return found;
}

export interface SendOptions {
  check: AddressCheck;
  timeoutMs: number;
}

/**
 * POSTs a signed body to a subscription's URL and resolves to the status answered. The host is
 * resolved and checked at each delivery (an address that was public at creation may not be now:
 * DNS rebinding), and the connection goes to the address checked, never to a second lookup's.
 * No redirect is followed (a 3xx is a failure), the whole exchange is bounded by `timeoutMs`, and
 * the answer's body is never read: the socket is closed once the status is known.
 */
export async function sendWebhook(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  o: SendOptions,
): Promise<number> {
  const url = new URL(rawUrl);
  const [target] = await checkedAddresses(url, o.check);
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target!.address, family: target!.family }]);
    else callback(null, target!.address, target!.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<number>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        agent: false,
        lookup: pinned,
        signal: AbortSignal.timeout(o.timeoutMs),
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'isobar-webhooks',
        },
      },
      (response) => {
        resolve(response.statusCode ?? 0);
        response.destroy();
      },
    );
    request.on('error', (err) =>
      reject(
        new WebhookFailure(
          err.name === 'AbortError' || err.name === 'TimeoutError'
            ? `no answer within ${o.timeoutMs} ms`
            : `${(err as { code?: string }).code ?? err.message}`,
        ),
      ),
    );
    request.end(body);
  });
}
