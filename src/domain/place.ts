/** A catalog place, as every part of isobar sees it. */
export interface Place {
  id: number;
  geonamesId: number;
  countryCode: string;
  countryName: string;
  regionCode: string;
  /** The region's name ("Bavaria"), null when the catalog has no name for its code. */
  regionName: string | null;
  name: string;
  /** Unique inside the country; assigned once, never recomputed. */
  slug: string;
  population: number;
  latitude: number;
  longitude: number;
  /** IANA time zone, e.g. Europe/London. */
  timezone: string;
}
