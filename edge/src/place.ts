/**
 * A place as the edge may trust it without asking the catalog: `GB/London`. Strict enough that
 * a redirect built from it can only ever be a same-origin path.
 */
export const PLACE_PATTERN = /^[A-Z]{2}\/[A-Za-z0-9-]{1,100}$/;

export function isPlace(value: string): boolean {
  return PLACE_PATTERN.test(value);
}

/** Every URI the origin serves for a place: the three representations and the metadata, in each units spelling. */
export function placeUris(place: string): string[] {
  const paths = [`/${place}`, `/${place}.json`, `/${place}.txt`, `/v1/locations/${place}`];
  return paths.flatMap((path) => [path, `${path}?units=imperial`, `${path}?units=metric`]);
}

/**
 * Keys one purge request may remove. Each Cache API delete is a subrequest, and a Worker
 * invocation has a bounded number of those; the client splits bigger purges to fit.
 */
export const MAX_PURGE_KEYS = 500;
