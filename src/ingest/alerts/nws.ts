import type { AlertArea, CapAlert, LatLon, MessageType } from '../../domain/alerts.ts';
import { AlertFeedError } from './alert-feed-error.ts';

/**
 * The NWS's active alerts (`api.weather.gov/alerts/active`, `application/geo+json`): a GeoJSON
 * FeatureCollection whose features carry CAP's fields as properties (`messageType`, `sent`,
 * `references` as objects) and the warned polygon as geometry (null when only zones are named,
 * whose UGC codes stay in `geocode`).
 */
export function parseNwsAlerts(body: unknown, source = 'nws'): CapAlert[] {
  const features = (body as { features?: unknown })?.features;
  if (!Array.isArray(features))
    throw new AlertFeedError('the NWS answer is not a GeoJSON FeatureCollection');
  return features.map((f) => nwsAlert(f as Feature, source));
}

interface Feature {
  id?: string;
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
function when(v: unknown, field: string): Date | null {
  const s = str(v);
  if (s === null) return null;
  const at = Date.parse(s);
  if (!Number.isFinite(at))
    throw new AlertFeedError(`NWS "${field}" "${s.slice(0, 40)}" is not a time`);
  return new Date(at);
}

/** GeoJSON rings ([lon, lat]) of a Polygon or MultiPolygon, as CAP's [lat, lon]. */
function rings(geometry: Feature['geometry']): LatLon[][] {
  if (!geometry) return [];
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as number[][][]]
      : geometry.type === 'MultiPolygon'
        ? (geometry.coordinates as number[][][][])
        : [];
  // The outer ring of each polygon: warned areas have no holes.
  return polygons.flatMap((p) => (p[0] ? [p[0].map(([lon, lat]) => [lat!, lon!] as LatLon)] : []));
}

function nwsAlert(feature: Feature, source: string): CapAlert {
  const p = feature?.properties ?? {};
  const identifier = str(p.id) ?? str(feature?.id);
  const sender = str(p.sender);
  const sent = when(p.sent, 'sent');
  const msgType = str(p.messageType) ?? '';
  if (!identifier || !sender || !sent)
    throw new AlertFeedError('an NWS alert needs "id", "sender" and "sent"');
  if (!['Alert', 'Update', 'Cancel'].includes(msgType))
    throw new AlertFeedError(
      `NWS "messageType" "${msgType.slice(0, 20)}" is not Alert, Update or Cancel`,
    );
  const geocode = (p.geocode ?? {}) as Record<string, unknown>;
  const area: AlertArea = {
    description: str(p.areaDesc) ?? '',
    polygons: rings(feature.geometry),
    circles: [],
    geocodes: Object.entries(geocode).flatMap(([name, values]) =>
      Array.isArray(values) ? values.map((value) => ({ name, value: String(value) })) : [],
    ),
  };
  const references = Array.isArray(p.references) ? p.references : [];
  return {
    identifier,
    sender,
    sent,
    msgType: msgType as MessageType,
    status: str(p.status) ?? 'Actual',
    references: references.flatMap((r: Record<string, unknown>) => {
      const rs = str(r?.sender);
      const ri = str(r?.identifier);
      return rs && ri
        ? [{ sender: rs, identifier: ri, sent: when(r.sent, 'references.sent') }]
        : [];
    }),
    event: str(p.event) ?? 'Warning',
    severity: str(p.severity) ?? 'Unknown',
    urgency: str(p.urgency) ?? 'Unknown',
    certainty: str(p.certainty) ?? 'Unknown',
    onset: when(p.onset, 'onset') ?? when(p.effective, 'effective'),
    expires: when(p.ends, 'ends') ?? when(p.expires, 'expires'),
    headline: str(p.headline),
    description: str(p.description),
    instruction: str(p.instruction),
    web: str(p['@id']) ?? str(feature.id),
    language: 'en-US',
    senderName: str(p.senderName) ?? sender,
    source,
    areas: [area],
  };
}
