import type { CapAlert } from '../../domain/alerts.ts';
import { AlertFeedError } from './alert-feed-error.ts';
import { capAlert, parseXml } from './cap.ts';
import { capLinks } from './feed-index.ts';
import { parseNwsAlerts } from './nws.ts';

/** Reads the text at a URL (a CAP message an index links to). */
export type LoadText = (url: URL) => Promise<string>;

/** Most CAP messages read from one index: a feed is a country's warnings, tens at most. */
export const MAX_LINKED = 500;

/**
 * The CAP messages in a feed's or a file's text, whichever of the documented shapes it has: the
 * NWS's GeoJSON, one CAP `<alert>`, or an index (MetAlerts RSS, MeteoAlarm Atom) whose linked
 * messages are read with `load`, relative to `base`. `source` is credited; for an index without
 * one, the shape names it (RSS: `met-alerts`, Atom: `meteoalarm`).
 */
export async function alertMessages(
  text: string,
  options: { base: string; source?: string; load: LoadText },
): Promise<CapAlert[]> {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    let body: unknown;
    try {
      body = JSON.parse(trimmed);
    } catch (error) {
      throw new AlertFeedError(`the JSON is malformed: ${(error as Error).message}`);
    }
    return parseNwsAlerts(body, options.source ?? 'nws');
  }
  const doc = parseXml(trimmed, 'the alert document');
  if (doc.alert && typeof doc.alert === 'object') {
    return [capAlert(doc.alert as Record<string, unknown>, options.source ?? 'file')];
  }
  const source = options.source ?? (doc.rss ? 'met-alerts' : 'meteoalarm');
  const links = capLinks(trimmed, options.base);
  if (links.length > MAX_LINKED)
    throw new AlertFeedError(`the feed links ${links.length} messages, more than ${MAX_LINKED}`);
  const messages: CapAlert[] = [];
  for (const url of links) {
    const cap = parseXml(await options.load(url), `the CAP message at ${url}`);
    if (!cap.alert || typeof cap.alert !== 'object')
      throw new AlertFeedError(`${url} is not a CAP <alert>`);
    messages.push(capAlert(cap.alert as Record<string, unknown>, source));
  }
  return messages;
}
