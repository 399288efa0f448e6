import { Invalid } from '../domain/errors.ts';
import { countryCode } from '../domain/place.ts';
import { slugKey } from '../domain/slug.ts';

export type Format = 'html' | 'json' | 'txt';

/** A place path taken apart: what to look up, and how it was spelled. */
export interface PlaceRequest {
  countryCode: string;
  key: string;
  format: Format;
}

const MAX_SEGMENT = 200;
const EXTENSION = /\.(json|txt|html)$/i;

function decodeSegment(raw: string): string {
  let text: string;
  try {
    text = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new Invalid('the path is not valid percent-encoded UTF-8');
  }
  // Control characters (NUL, CR, LF…) never belong to a place name.
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new Invalid('the path contains control characters');
  if (text.length > MAX_SEGMENT)
    throw new Invalid(`a path segment is longer than ${MAX_SEGMENT} characters`);
  return text;
}

/**
 * Reads `/{CC}/{Name}[.json|.txt]` in any spelling (case, diacritics, `_`, `+`, `%20`, trailing
 * slash, UK for GB). Returns null for paths of another shape; throws Invalid for garbage, which
 * is answered 400 and never looked up.
 */
export function parsePlacePath(rawPath: string): PlaceRequest | null {
  const match = /^\/([^/]+)\/([^/]+)\/?$/.exec(rawPath);
  if (!match) return null;
  const country = countryCode(decodeSegment(match[1]!));
  if (!country) return null;
  let name = decodeSegment(match[2]!);
  const ext = EXTENSION.exec(name);
  if (ext) name = name.slice(0, -ext[0].length);
  const key = slugKey(name);
  if (!key) throw new Invalid('the place name has no letters or digits');
  const format = (ext?.[1]?.toLowerCase() ?? 'html') as Format | 'html';
  return { countryCode: country, key, format };
}

/** The canonical path of a representation: `/GB/London`, `/GB/London.json`. */
export function representationPath(countryCode: string, slug: string, format: Format): string {
  return `/${countryCode}/${slug}${format === 'html' ? '' : `.${format}`}`;
}
