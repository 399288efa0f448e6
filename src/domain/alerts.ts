/**
 * Public weather warnings as CAP 1.2 (the Common Alerting Protocol, OASIS) describes them: the
 * fields isobar keeps of an alert whichever feed brought it (src/ingest/alerts/).
 */

/** CAP's identity of a message: its sender, its identifier, when it was sent. */
export interface AlertRef {
  sender: string;
  identifier: string;
  sent: Date | null;
}

/** A point as CAP writes it: latitude first. */
export type LatLon = readonly [lat: number, lon: number];

/** One `<area>` of an alert: where it applies. */
export interface AlertArea {
  description: string;
  /** Closed rings of points (CAP's `<polygon>`). */
  polygons: LatLon[][];
  /** CAP's `<circle>`: a centre and a radius in kilometres. */
  circles: { lat: number; lon: number; radiusKm: number }[];
  /** CAP's `<geocode>` pairs (`UGC`/`NYZ072`, `EMMA_ID`/`UK012`…); kept, not matched. */
  geocodes: { name: string; value: string }[];
}

export type MessageType = 'Alert' | 'Update' | 'Cancel';

/** A CAP message, with the one `<info>` block isobar shows (English where there is one). */
export interface CapAlert extends AlertRef {
  sent: Date;
  msgType: MessageType;
  /** `Actual` is shown; exercises, tests and drafts are not. */
  status: string;
  /** The messages an Update or a Cancel replaces. */
  references: AlertRef[];
  event: string;
  severity: string;
  urgency: string;
  certainty: string;
  onset: Date | null;
  expires: Date | null;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  web: string | null;
  language: string | null;
  /** The issuer as it names itself (`<senderName>`), or the sender. */
  senderName: string;
  /** The feed that brought it (`nws`, `met-alerts`, `meteoalarm`, `file`). */
  source: string;
  areas: AlertArea[];
}

/** A warning as a place's documents show it: the message's words, its issuer named. */
export type PlaceAlert = Pick<
  CapAlert,
  | 'event'
  | 'severity'
  | 'urgency'
  | 'certainty'
  | 'sent'
  | 'onset'
  | 'expires'
  | 'headline'
  | 'description'
  | 'instruction'
  | 'web'
  | 'language'
  | 'source'
> & {
  /** The issuer's identifier of the message. */
  id: string;
  /** Who issued it (`senderName`). */
  issuer: string;
};

/** Whether a ring of points (closed or not) holds the point: ray casting, edges half-open. */
export function ringContains(ring: readonly LatLon[], lat: number, lon: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [yi, xi] = ring[i]!;
    const [yj, xj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const EARTH_RADIUS_KM = 6371;

function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Whether any polygon or circle of the areas covers the point. */
export function areasCover(areas: readonly AlertArea[], lat: number, lon: number): boolean {
  return areas.some(
    (a) =>
      a.polygons.some((ring) => ringContains(ring, lat, lon)) ||
      a.circles.some((c) => distanceKm(c.lat, c.lon, lat, lon) <= c.radiusKm),
  );
}

/** The box around every shape of the areas, for a first cut in SQL; null when they have none. */
export function areasBox(areas: readonly AlertArea[]) {
  const lats: number[] = [];
  const lons: number[] = [];
  for (const a of areas) {
    for (const ring of a.polygons) {
      for (const [lat, lon] of ring) {
        lats.push(lat);
        lons.push(lon);
      }
    }
    for (const c of a.circles) {
      const dLat = c.radiusKm / 111;
      const dLon = dLat / Math.max(0.01, Math.cos((c.lat * Math.PI) / 180));
      lats.push(c.lat - dLat, c.lat + dLat);
      lons.push(c.lon - dLon, c.lon + dLon);
    }
  }
  if (lats.length === 0) return null;
  return {
    south: Math.min(...lats),
    north: Math.max(...lats),
    west: Math.min(...lons),
    east: Math.max(...lons),
  };
}

/** The warnings in force or still to come at `now` (expired ones are never shown). */
export const unexpired = (alerts: readonly PlaceAlert[], now: Date) =>
  alerts.filter((a) => a.expires === null || a.expires.getTime() > now.getTime());

/**
 * The next moment after `now` at which the warnings shown change by themselves (one begins or
 * one expires): no answer that shows them may be kept past it. Null when none is coming.
 */
export function nextAlertChange(alerts: readonly PlaceAlert[], now: Date): Date | null {
  const times = alerts
    .flatMap((a) => [a.onset, a.expires])
    .filter((t): t is Date => t !== null && t.getTime() > now.getTime())
    .map((t) => t.getTime());
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

/** Whether a warning is in force at `now` (begun, not expired). */
export const inForce = (a: PlaceAlert, now: Date) =>
  (a.onset === null || a.onset.getTime() <= now.getTime()) &&
  (a.expires === null || a.expires.getTime() > now.getTime());
