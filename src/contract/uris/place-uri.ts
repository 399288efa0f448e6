import { Invalid } from '../protocol/request-errors.ts';
import { slugKey } from './slug.ts';

/** The representations of a place, chosen by the path alone (caches key on the URL). */
export const FORMATS = ['html', 'json', 'txt'] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format, string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

/** What a place URI asks for, whatever its spelling: the country, the slug key, the format. */
export interface PlaceRequest {
  countryCode: string;
  /** What any spelling of the slug folds to (`new-york-city`); the catalog looks it up. */
  key: string;
  format: Format;
}

/**
 * A place as isobar itself writes it in cookies, purges and tags: `GB/London`. Strict, so that a
 * path built from it can only ever be a path on this site.
 */
const PLACE_REF = /^[A-Z]{2}\/[A-Za-z0-9-]{1,100}$/;

/** Whether a value has the canonical `{CC}/{Name}` shape (it may still name no catalog place). */
export function isPlaceRef(value: string): boolean {
  return PLACE_REF.test(value);
}

// Codes people write that are not ISO 3166-1 but mean one that is.
const COUNTRY_ALIASES: Record<string, string> = { UK: 'GB' };

/**
 * An ISO 3166-1 alpha-2 code in capitals (UK read as GB); null when the text is not two letters.
 */
export function countryCode(text: string): string | null {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) ? (COUNTRY_ALIASES[code] ?? code) : null;
}

/**
 * A place named by a person (a setting, an override such as `/?place=fr/paris`): any case, UK
 * for GB. Gives what to look up, or null when it does not have the `{CC}/{Name}` shape.
 */
export function readPlaceRef(ref: string): { countryCode: string; key: string } | null {
  const match = /^([A-Za-z]{2})\/([A-Za-z0-9-]{1,100})$/.exec(ref);
  const code = match ? countryCode(match[1]!) : null;
  return code ? { countryCode: code, key: slugKey(match![2]!) } : null;
}

const MAX_SEGMENT = 200;
const EXTENSION = /\.(json|txt|html)$/i;

function checkSegment(text: string): string {
  // Control characters (NUL, CR, LF…) never belong to a place name.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new Invalid('the path contains control characters');
  if (text.length > MAX_SEGMENT) {
    throw new Invalid(`a path segment is longer than ${MAX_SEGMENT} characters`);
  }
  // Only a sequence that is not UTF-8 survives a router's decoding with its "%" intact.
  if (text.includes('%')) throw new Invalid('the path is not valid percent-encoded UTF-8');
  return text;
}

/**
 * Reads the two decoded segments of a place URI in any spelling (case, diacritics, `_`, `+`,
 * spaces, a trailing slash, an extension, UK for GB). Null when the first is not a country;
 * throws Invalid for garbage, which is answered 400 and never looked up.
 */
export function readPlaceSegments(country: string, name: string): PlaceRequest | null {
  const code = countryCode(checkSegment(country));
  return code ? { countryCode: code, ...readNameSegment(name) } : null;
}

/**
 * Reads the decoded name segment of a place URI, with or without a country before it (`London`,
 * `london.json`, `New_York/`): what to look up and which representation. Throws Invalid for
 * garbage.
 */
export function readNameSegment(name: string): Omit<PlaceRequest, 'countryCode'> {
  let text = checkSegment(name.replace(/\/$/, ''));
  const ext = EXTENSION.exec(text);
  if (ext) text = text.slice(0, -ext[0].length);
  const key = slugKey(text);
  if (!key) throw new Invalid('the place name has no letters or digits');
  return { key, format: (ext?.[1]?.toLowerCase() ?? 'html') as Format };
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new Invalid('the path is not valid percent-encoded UTF-8');
  }
}

/**
 * Reads a raw (percent-encoded) path `/{CC}/{Name}[.json|.txt]`; null for paths of another shape.
 */
export function parsePlacePath(rawPath: string): PlaceRequest | null {
  const match = /^\/([^/]+)\/([^/]+)\/?$/.exec(rawPath);
  return match ? readPlaceSegments(decodeSegment(match[1]!), decodeSegment(match[2]!)) : null;
}

/** The canonical path of a place: `/GB/London`. */
export function placePath(place: { countryCode: string; slug: string }): string {
  return `/${place.countryCode}/${place.slug}`;
}

/** The canonical path of a representation: `/GB/London`, `/GB/London.json`. */
export function representationPath(countryCode: string, slug: string, format: Format): string {
  return `/${countryCode}/${slug}${format === 'html' ? '' : `.${format}`}`;
}

/** The metadata URI of a place: `/v1/locations/GB/London`. */
export const locationPath = (ref: string) => `/v1/locations/${ref}`;

/** The Cache-Tag every cached answer about a place carries, so a purge by tag reaches them all. */
export const placeTag = (ref: string) => `place:${ref}`;

/**
 * Every URI the origin serves for a place (`GB/London`): each representation and the metadata, in
 * each units spelling.
 */
export function placeUris(ref: string): string[] {
  const [countryCode = '', slug = ''] = ref.split('/');
  const paths = [
    ...FORMATS.map((f) => representationPath(countryCode, slug, f)),
    locationPath(ref),
  ];
  return paths.flatMap((path) => [path, `${path}?units=imperial`, `${path}?units=metric`]);
}

/**
 * `/{CC}/{Name}.json` exactly as isobar writes it, with no query (the URI programs poll): its
 * country code and slug, or null for any other target. A slug of this shape (ASCII words
 * joined by single hyphens) has its lower case for lookup key: slugKey changes nothing else.
 */
export function readCanonicalJson(target: string): { countryCode: string; slug: string } | null {
  const match = CANONICAL_JSON.exec(target);
  return match ? { countryCode: match[1]!, slug: match[2]! } : null;
}

const CANONICAL_JSON = /^\/([A-Z]{2})\/([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\.json$/;
