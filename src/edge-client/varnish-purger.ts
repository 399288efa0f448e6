import { purgeTags } from '../contract/protocol/cache-tags.ts';
import type { Purger } from '../domain/changes.ts';
import { PurgeError } from './purge-error.ts';

export interface VarnishPurgerOptions {
  /** Each Varnish running edge/varnish/isobar.vcl (`http://10.0.0.5:6081`); each is purged. */
  urls: readonly string[];
  /** How long one PURGE may take (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A Varnish refused or failed a purge; `status` is undefined when it did not answer. */
export class VarnishPurgeError extends PurgeError {
  override name = 'VarnishPurgeError';
}

/** Characters of tags in one `xkey-purge` header, well under Varnish's 8 KiB header limit. */
const MAX_HEADER_CHARS = 6000;

/**
 * Purges the change's tags (`purgeTags`) from every Varnish with `PURGE` and an `xkey-purge`
 * header, as the shipped VCL takes them: all of them side by side, each in as few requests as
 * the header limit allows. Rejects when any failed; purging again is harmless, so the change
 * log's retry simply sends it to all of them again.
 */
export function createVarnishPurger(o: VarnishPurgerOptions): Purger {
  const send = o.fetch ?? fetch;
  const timeoutMs = o.timeoutMs ?? 10_000;

  async function purgeAt(url: string, headers: string[]): Promise<void> {
    // The host alone in messages: a URL could carry credentials.
    const where = URL.canParse(url) ? new URL(url).host : 'an unparseable URL';
    for (const header of headers) {
      let response: Response;
      try {
        response = await send(url, {
          method: 'PURGE',
          headers: { 'xkey-purge': header },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new VarnishPurgeError(`Varnish purge at ${where} failed: ${reason}`);
      }
      await response.body?.cancel();
      if (response.status !== 200) {
        throw new VarnishPurgeError(
          `Varnish purge at ${where} answered ${response.status}`,
          response.status,
        );
      }
    }
  }

  return {
    async purge(changes) {
      const tags = purgeTags(changes);
      if (tags.length === 0 || o.urls.length === 0) return;
      const headers = xkeyHeaders(tags);
      const results = await Promise.allSettled(o.urls.map((url) => purgeAt(url, headers)));
      const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      if (failed.length === 1) throw failed[0];
      if (failed.length > 1) {
        throw new VarnishPurgeError(
          `${failed.length} of ${o.urls.length} Varnish purges failed: ${failed
            .map((e) => (e instanceof Error ? e.message : String(e)))
            .join('; ')}`,
        );
      }
    },
  };
}

/** Tags joined by spaces into headers of at most MAX_HEADER_CHARS characters. */
export function xkeyHeaders(tags: readonly string[]): string[] {
  const headers: string[] = [];
  let current = '';
  for (const tag of tags) {
    if (current && current.length + 1 + tag.length > MAX_HEADER_CHARS) {
      headers.push(current);
      current = '';
    }
    current = current ? `${current} ${tag}` : tag;
  }
  if (current) headers.push(current);
  return headers;
}
