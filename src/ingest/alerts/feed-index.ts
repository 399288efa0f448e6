import { AlertFeedError } from './alert-feed-error.ts';
import { parseXml } from './cap.ts';

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] =>
  v === undefined ? [] : ((Array.isArray(v) ? v : [v]) as Node[]);

/**
 * The CAP documents an index feed links to, in its order: MET Norway's MetAlerts RSS
 * (`metalerts/2.0/current.rss`: each `<item><link>` is a CAP URL) and MeteoAlarm's Atom feeds
 * (`feeds.meteoalarm.org/feeds/meteoalarm-legacy-atom-{country}`: each `<entry>` has a `<link
 * type="application/cap+xml">`, or failing that its first link). Relative links resolve
 * against `base`.
 */
export function capLinks(xml: string, base: string): URL[] {
  const doc = parseXml(xml, 'the alert feed');
  const rss = (doc.rss as Node | undefined)?.channel as Node | undefined;
  const feed = doc.feed as Node | undefined;
  let hrefs: string[];
  if (rss) {
    hrefs = list(rss.item).flatMap((item) => {
      const link = list(item.link)[0];
      const href = typeof link === 'string' ? link : (link as Node | undefined)?.['#text'];
      return typeof href === 'string' && href.trim() ? [href.trim()] : [];
    });
  } else if (feed) {
    hrefs = list(feed.entry).flatMap((entry) => {
      const links = list(entry.link);
      const cap = links.find((l) => String(l['@type'] ?? '').includes('cap')) ?? links[0];
      const href = cap?.['@href'];
      return typeof href === 'string' && href.trim() ? [href.trim()] : [];
    });
  } else {
    throw new AlertFeedError('the alert feed is neither RSS nor Atom');
  }
  return hrefs.flatMap((href) => {
    try {
      return [new URL(href, base)];
    } catch {
      return [];
    }
  });
}
