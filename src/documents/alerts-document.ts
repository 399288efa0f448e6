import { z } from '@hono/zod-openapi';
import { escapeHtml } from '../contract/protocol/problem-page.ts';
import { alertPaths } from '../contract/uris/uri-space.ts';
import { alertSchema, locationSchema } from './document-schemas.ts';
import type { PlaceDocument } from './place-document.ts';

export const alertsDocumentSchema = z
  .object({
    location: locationSchema,
    alerts: z.array(alertSchema).openapi({
      description: 'In force or to come, the most severe first; empty when there are none',
    }),
    links: z.object({ place: z.string(), atom: z.string() }),
    attribution: z.array(z.string()),
  })
  .openapi('PlaceAlerts');

export type AlertsDocument = z.infer<typeof alertsDocumentSchema>;

/** `/{CC}/{Name}/alerts`: the warnings of a place's document, with its credits. */
export function alertsDocument(doc: PlaceDocument): AlertsDocument {
  const ref = doc.location.path.slice(1);
  return {
    location: doc.location,
    alerts: doc.alerts,
    links: { place: doc.location.path, atom: alertPaths(ref).atom },
    // Only the place's and the warnings' credits: no weather is shown here.
    attribution: doc.attribution.filter((a, i) => i === 0 || a.startsWith('Warning by ')),
  };
}

const TAG = 'tag:isobar.invalid,2026:';

/**
 * `/{CC}/{Name}/alerts.atom`: the same warnings as an Atom 1.0 feed (RFC 4287), one entry per
 * warning, its author the issuer, its link the issuer's page. Ids are `tag:` URIs, so the body
 * is the same whatever host it is read through; links are relative to the feed.
 */
export function alertsAtom(doc: PlaceDocument, lastModified: Date): string {
  const x = escapeHtml;
  const ref = doc.location.path.slice(1);
  const name = `${doc.location.name}, ${doc.location.country}`;
  const updated = [lastModified, ...doc.alerts.map((a) => new Date(a.sent))].reduce((a, b) =>
    a > b ? a : b,
  );
  const entries = doc.alerts.map((a) => {
    const when = [a.onset && `from ${a.onset}`, a.expires && `until ${a.expires}`].filter(Boolean);
    const summary = [a.headline, when.join(' '), a.description, a.instruction]
      .filter(Boolean)
      .join('\n\n');
    return `  <entry>
    <id>${x(TAG + encodeURIComponent(a.id))}</id>
    <title>${x(`${a.event} (${a.severity})`)}</title>
    <updated>${a.sent}</updated>
    <published>${a.sent}</published>
    <author><name>${x(a.issuer)}</name></author>
${a.web ? `    <link rel="alternate" href="${x(a.web)}"/>\n` : ''}    <category term="${x(a.severity)}" label="severity"/>
    <summary>${x(summary)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${TAG}${x(ref)}/alerts</id>
  <title>${x(`Weather warnings for ${name}`)}</title>
  <updated>${updated.toISOString()}</updated>
  <link rel="self" href="${x(alertPaths(ref).atom)}"/>
  <link rel="alternate" type="text/html" href="${x(doc.location.path)}"/>
  <rights>${x(doc.attribution.filter((a, i) => i === 0 || a.startsWith('Warning by ')).join('. '))}</rights>
${entries.join('\n')}${entries.length ? '\n' : ''}</feed>
`;
}
