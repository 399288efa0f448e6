import { XMLParser } from 'fast-xml-parser';
import type { AlertArea, AlertRef, CapAlert, LatLon, MessageType } from '../../domain/alerts.ts';
import { AlertFeedError } from './alert-feed-error.ts';

// Namespaces dropped (CAP comes as `cap:alert` or with a default namespace), every value a
// string, and the repeated elements always arrays.
const REPEATED = new Set(['info', 'area', 'polygon', 'circle', 'geocode', 'entry', 'item', 'link']);
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => REPEATED.has(name),
});

/** An XML text as nested objects (namespaces dropped); a malformed one is an AlertFeedError. */
export function parseXml(xml: string, what: string): Record<string, unknown> {
  // CAP and its feeds declare no entities: a document that does is refused before parsing, so
  // no entity expansion (a "billion laughs") can cost memory.
  if (/<!ENTITY/i.test(xml))
    throw new AlertFeedError(`${what} declares entities, which CAP never does`);
  try {
    return parser.parse(xml, true) as Record<string, unknown>;
  } catch (error) {
    throw new AlertFeedError(`${what} is not well-formed XML: ${(error as Error).message}`);
  }
}

type Node = Record<string, unknown>;
const text = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') return text((v as Node)['#text']);
  const s = String(v).trim();
  return s === '' ? null : s;
};
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function time(v: unknown, field: string): Date | null {
  const s = text(v);
  if (s === null) return null;
  const at = Date.parse(s);
  if (!Number.isFinite(at))
    throw new AlertFeedError(`<${field}> "${s.slice(0, 40)}" is not a time`);
  return new Date(at);
}

/** CAP's `<polygon>`: "lat,lon lat,lon …", at least four points, the first repeated last. */
export function capPolygon(value: string): LatLon[] {
  const points = value
    .trim()
    .split(/\s+/)
    .map((pair) => pair.split(',').map(Number) as [number, number]);
  if (points.length < 3 || points.some((p) => p.length !== 2 || !p.every(Number.isFinite)))
    throw new AlertFeedError(`<polygon> "${value.slice(0, 60)}" is not a list of lat,lon points`);
  return points;
}

/** CAP's `<references>`: "sender,identifier,sent" triples separated by spaces. */
export function capReferences(value: string | null): AlertRef[] {
  if (!value) return [];
  return value
    .trim()
    .split(/\s+/)
    .map((triple) => {
      const [sender = '', identifier = '', sent] = triple.split(',');
      const at = sent ? Date.parse(sent) : Number.NaN;
      return { sender, identifier, sent: Number.isFinite(at) ? new Date(at) : null };
    })
    .filter((r) => r.sender !== '' && r.identifier !== '');
}

function area(a: Node): AlertArea {
  return {
    description: text(a.areaDesc) ?? '',
    polygons: list(a.polygon).flatMap((p) => {
      const s = text(p);
      return s ? [capPolygon(s)] : [];
    }),
    circles: list(a.circle).flatMap((c) => {
      const m = /^\s*(-?[\d.]+),(-?[\d.]+)\s+([\d.]+)\s*$/.exec(text(c) ?? '');
      return m ? [{ lat: Number(m[1]), lon: Number(m[2]), radiusKm: Number(m[3]) }] : [];
    }),
    geocodes: list(a.geocode).flatMap((g) => {
      const name = text((g as Node).valueName);
      const value = text((g as Node).value);
      return name && value ? [{ name, value }] : [];
    }),
  };
}

const MESSAGE_TYPES = new Set(['Alert', 'Update', 'Cancel']);

/** The `<info>` shown: English where the issuer wrote one, else its first. */
function chosenInfo(infos: Node[]): Node | undefined {
  return infos.find((i) => /^en\b/i.test(text(i.language) ?? '')) ?? infos[0];
}

/**
 * One CAP 1.2 `<alert>` (as parsed by parseXml) as isobar keeps it; `source` names the feed that
 * brought it. Missing identity, a message type CAP does not have, or a bad time throws.
 */
export function capAlert(alert: Node, source: string): CapAlert {
  const identifier = text(alert.identifier);
  const sender = text(alert.sender);
  const sent = time(alert.sent, 'sent');
  const msgType = text(alert.msgType) ?? '';
  if (!identifier || !sender || !sent)
    throw new AlertFeedError('a CAP alert needs <identifier>, <sender> and <sent>');
  if (!MESSAGE_TYPES.has(msgType))
    throw new AlertFeedError(`<msgType> "${msgType.slice(0, 20)}" is not Alert, Update or Cancel`);
  const infos = list(alert.info) as Node[];
  const info = chosenInfo(infos) ?? {};
  return {
    identifier,
    sender,
    sent,
    msgType: msgType as MessageType,
    status: text(alert.status) ?? 'Actual',
    references: capReferences(text(alert.references)),
    event: text(info.event) ?? text(info.headline) ?? 'Warning',
    severity: text(info.severity) ?? 'Unknown',
    urgency: text(info.urgency) ?? 'Unknown',
    certainty: text(info.certainty) ?? 'Unknown',
    onset: time(info.onset, 'onset') ?? time(info.effective, 'effective'),
    expires: time(info.expires, 'expires'),
    headline: text(info.headline),
    description: text(info.description),
    instruction: text(info.instruction),
    web: text(info.web),
    language: text(info.language),
    senderName: text(info.senderName) ?? sender,
    source,
    // Every info's areas: issuers repeat them per language, so the first info's are enough.
    areas: list(info.area).map((a) => area(a as Node)),
  };
}

/** A CAP 1.2 document (one `<alert>`), from its XML text. */
export function parseCap(xml: string, source: string): CapAlert {
  const doc = parseXml(xml, 'the CAP document');
  const alert = doc.alert;
  if (!alert || typeof alert !== 'object')
    throw new AlertFeedError('the document is not a CAP <alert>');
  return capAlert(alert as Node, source);
}
