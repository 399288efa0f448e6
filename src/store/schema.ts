import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  date,
  doublePrecision,
  index,
  integer,
  json,
  type PgColumnBuilderBase,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Measures } from '../domain/weather/weather.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The place catalog; `slug` is assigned once and never recomputed. */
export const locations = pgTable(
  'locations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    geonamesId: integer('geonames_id').notNull().unique(),
    countryCode: char('country_code', { length: 2 }).notNull(),
    countryName: text('country_name').notNull(),
    regionCode: text('region_code').notNull().default(''),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    /** lower(slug): what every spelling of the name folds to. */
    slugKey: text('slug_key').notNull(),
    /** The folded name, for prefix search. */
    searchKey: text('search_key').notNull(),
    population: bigint('population', { mode: 'number' }).notNull().default(0),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    timezone: text('timezone').notNull(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('locations_country_slug_key').on(t.countryCode, t.slugKey),
    index('locations_search_key').on(t.searchKey.op('text_pattern_ops'), t.population.desc()),
    index('locations_country_population').on(t.countryCode, t.population.desc()),
    index('locations_lat_lon').on(t.latitude, t.longitude),
  ],
);

/**
 * GeoNames first-level divisions (admin1: `FR.11` Île-de-France): the names behind
 * `locations.region_code`, shown instead of the code and searched ("Paris Ile").
 */
export const regions = pgTable(
  'regions',
  {
    countryCode: char('country_code', { length: 2 }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The folded name, for prefix search. */
    searchKey: text('search_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countryCode, t.code] }),
    index('regions_search_key').on(t.searchKey.op('text_pattern_ops')),
  ],
);

/**
 * Other names a place answers to (local, historical, exonyms: Munich's "München", "Muenchen"), one
 * row per folded spelling. Search matches them; a URI spelled with one answers 301 to the slug.
 */
export const placeNames = pgTable(
  'place_names',
  {
    locationId: integer('location_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    /** The folded name, as `locations.search_key`. */
    searchKey: text('search_key').notNull(),
    /** One spelling of it as GeoNames has it, to show what a search matched. */
    name: text('name').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.locationId, t.searchKey] }),
    index('place_names_search_key').on(t.searchKey.op('text_pattern_ops')),
  ],
);

/**
 * Measured quantities, always SI (°C, Pa, m/s, mm, m) whatever the source sent. The one list of
 * them: the weather repositories derive their column lists, casts and decoding from this map,
 * in this order, and its keys must be exactly the domain's `Measures`.
 */
export const measures = {
  temperatureC: real('temperature_c'),
  apparentTemperatureC: real('apparent_temperature_c'),
  humidityPct: real('humidity_pct'),
  pressurePa: real('pressure_pa'),
  windSpeedMs: real('wind_speed_ms'),
  windGustMs: real('wind_gust_ms'),
  windDirectionDeg: real('wind_direction_deg'),
  precipitationMm: real('precipitation_mm'),
  cloudCoverPct: real('cloud_cover_pct'),
  visibilityM: real('visibility_m'),
  condition: text('condition').notNull(),
} satisfies Record<keyof Measures, PgColumnBuilderBase>;

/** Current conditions (and their history): one row per place, source and observation time. */
export const observations = pgTable(
  'observations',
  {
    locationId: integer('location_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    observedAt: at('observed_at').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
    /** When the source expects to publish again: what cache lifetimes are computed from. */
    nextUpdateAt: at('next_update_at').notNull(),
    ...measures,
  },
  (t) => [
    primaryKey({ columns: [t.locationId, t.source, t.observedAt] }),
    index('observations_latest').on(t.locationId, t.observedAt.desc()),
  ],
);

/**
 * The hourly forecast: the newest issue of each source for each hour. Half of each page is left
 * free (fillfactor 50, migration 0017): every refresh rewrites a place's hours in place.
 */
export const forecastHours = pgTable(
  'forecast_hours',
  {
    locationId: integer('location_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    validAt: at('valid_at').notNull(),
    issuedAt: at('issued_at').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
    nextUpdateAt: at('next_update_at').notNull(),
    precipitationProbabilityPct: real('precipitation_probability_pct'),
    /** Hours the step covers from valid_at: 1, or 6 where a source turns coarser. */
    periodHours: smallint('period_hours').notNull().default(1),
    ...measures,
  },
  (t) => [
    primaryKey({ columns: [t.locationId, t.source, t.validAt] }),
    index('forecast_hours_location_valid').on(t.locationId, t.validAt),
    check('forecast_hours_period_hours', sql`${t.periodHours} BETWEEN 1 AND 24`),
  ],
);

/**
 * The read model of a place's weather: its latest observation and its forecast from the hour of
 * the last write, as the compact JSON tuples a place's representations are made from. Rebuilt
 * in the transaction of every write that changes the place, so reading a place costs one row.
 */
export const placeReads = pgTable('place_reads', {
  locationId: integer('location_id')
    .primaryKey()
    .references(() => locations.id, { onDelete: 'cascade' }),
  current: json('current'),
  forecast: json('forecast'),
  builtAt: at('built_at').notNull().defaultNow(),
  // The place's JSON document in each unit system, rendered by the write, served as it is until
  // `documents_until` (the end of the write's hour, or sooner when the data would turn behind).
  jsonMetric: text('json_metric'),
  jsonImperial: text('json_imperial'),
  documentsUntil: at('documents_until'),
  documentNextUpdate: at('document_next_update'),
  // The documents' Last-Modified: the data's own time (its run or observation) as it moves
  // forward, the write's time when they changed otherwise, so it never goes back (place-reads.ts).
  documentModified: at('document_modified'),
  // What the documents say, bookkeeping times left out (read-model.ts): whether they changed.
  contentTag: text('content_tag'),
  // Their entity tags, made with them (representation.ts entityTag), so a read hashes nothing.
  etagMetric: text('etag_metric'),
  etagImperial: text('etag_imperial'),
  // Which renderer made the documents: one made by another version is never served as current.
  documentVersion: integer('document_version'),
  // The climate of the dates its forecast covers (date-climate.ts, SI), found by the same write:
  // every page of the place shows it without reading the place's history again. Null without.
  climate: json('climate'),
  // The place's warnings not yet expired at `built_at` (src/store/alerts/), and the next moment
  // one of them begins or expires: no stored document or cached answer outlives it.
  alerts: json('alerts'),
  documentAlertsUntil: at('document_alerts_until'),
});

/**
 * One local day of a place as one source saw it: derived from its hourly observations as they
 * arrive, or sent whole by a source that only has daily values (most climate archives).
 */
export const dailySummaries = pgTable(
  'daily_summaries',
  {
    locationId: integer('location_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    /** The place's local date, YYYY-MM-DD. */
    date: date('date', { mode: 'string' }).notNull(),
    temperatureMinC: real('temperature_min_c'),
    temperatureMaxC: real('temperature_max_c'),
    temperatureMeanC: real('temperature_mean_c'),
    /** The day's total. */
    precipitationMm: real('precipitation_mm'),
    windSpeedMeanMs: real('wind_speed_mean_ms'),
    windGustMaxMs: real('wind_gust_max_ms'),
    /** The most frequent hourly condition, the most severe on a tie. */
    condition: text('condition'),
    /** Hourly observations it was derived from; null when the source sent the day whole. */
    hours: smallint('hours'),
    /** Every hour of the day is in, or the source sent the day whole. */
    complete: boolean('complete').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.locationId, t.source, t.date] })],
);

/**
 * One calendar month of a place as one source saw it, summed from its daily summaries: what
 * statistics read instead of days or hours. Recomputed from the month's daily rows in the
 * transaction of every write (or delete) of a daily summary of that month. Sums and sums of
 * squares give means and standard deviations over any set of months by addition.
 */
export const monthlyRollups = pgTable(
  'monthly_rollups',
  {
    locationId: integer('location_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    /** The first day of the month. */
    month: date('month', { mode: 'string' }).notNull(),
    days: smallint('days').notNull(),
    completeDays: smallint('complete_days').notNull(),
    meanCount: smallint('mean_count').notNull(),
    meanSum: doublePrecision('mean_sum').notNull(),
    meanSumSq: doublePrecision('mean_sum_sq').notNull(),
    minCount: smallint('min_count').notNull(),
    minSum: doublePrecision('min_sum').notNull(),
    minMin: real('min_min'),
    maxCount: smallint('max_count').notNull(),
    maxSum: doublePrecision('max_sum').notNull(),
    maxMax: real('max_max'),
    precipitationCount: smallint('precipitation_count').notNull(),
    precipitationSum: doublePrecision('precipitation_sum').notNull(),
    precipitationMax: real('precipitation_max'),
    /** The newest received_at of its days: the Last-Modified of what is computed from it. */
    receivedAt: at('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.locationId, t.source, t.month] })],
);

/** Bearer tokens of the write API; only a hash is kept, the token is shown once. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    scope: text('scope').notNull(),
    /** SHA-256 of the token, hex. */
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: at('created_at').notNull().defaultNow(),
    lastUsedAt: at('last_used_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [check('api_tokens_scope', sql`${t.scope} IN ('write', 'purge', 'admin')`)],
);

// ---------------------------------------------------------------------------------------------
// Upstream providers (src/ingest/providers): what people look at, and each provider's schedule.
// ---------------------------------------------------------------------------------------------

/**
 * How much each place is looked at, counted at the origin: a count that halves every day
 * (`views` as of `last_viewed_at`), so recent interest outweighs old without a row per hour.
 */
export const placeViews = pgTable(
  'place_views',
  {
    locationId: integer('location_id')
      .primaryKey()
      .references(() => locations.id, { onDelete: 'cascade' }),
    views: doublePrecision('views').notNull(),
    lastViewedAt: at('last_viewed_at').notNull(),
  },
  // The schedulers read the places viewed since their last pass, never the whole table.
  (t) => [index('place_views_viewed').on(t.lastViewedAt)],
);

/**
 * One provider's schedule for one place: when to ask next (never before `expires_at`), the
 * conditional-request state (`last_modified` exactly as the provider sent it), and failures.
 */
export const providerPlaces = pgTable(
  'provider_places',
  {
    provider: text('provider').notNull(),
    locationId: integer('location_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    nextFetchAt: at('next_fetch_at').notNull(),
    expiresAt: at('expires_at'),
    lastModified: text('last_modified'),
    lastAttemptAt: at('last_attempt_at'),
    lastSuccessAt: at('last_success_at'),
    /** Failed attempts in a row; the backoff grows with it. */
    failures: integer('failures').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.locationId] }),
    index('provider_places_due').on(t.provider, t.nextFetchAt),
  ],
);

/**
 * Budget units (requests; for Open-Meteo, places asked, each weighted by its variables) spent on
 * a provider on a UTC day: reserved here, atomically, by every worker of every process.
 */
export const providerBudgets = pgTable(
  'provider_budgets',
  {
    provider: text('provider').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    used: integer('used').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.day] })],
);

// ---------------------------------------------------------------------------------------------
// The change log (src/ingest/write-path/apply-write.ts writes it, src/changes/ delivers it).
// ---------------------------------------------------------------------------------------------

/**
 * What each write changed, recorded in the write's own transaction (an outbox): the places
 * (`GB/London`) and local days touched. After commit it is delivered to the caches downstream
 * (the edge); an entry stays until delivered, so a process that dies after the commit loses
 * nothing. `next_attempt_at` is both the lease of an attempt under way and the time of a retry.
 */
export const changeLog = pgTable(
  'change_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /**
     * Its place in the change feed, numbered as its transaction commits (a deferred trigger under
     * an advisory lock, migration 0011): ids are taken in insert order, not commit order, so a
     * follower reading by id could step past a change still to commit; by this it never can.
     * Null until then.
     */
    seq: bigint('seq', { mode: 'number' }),
    at: at('at').notNull().defaultNow(),
    /** What made the change: `write`, `import`, `provider`, `demo`, `purge`. */
    reason: text('reason').notNull(),
    places: text('places').array().notNull(),
    /** `[{ "place": "GB/London", "date": "2026-06-01" }]`: the day pages that changed. */
    days: json('days').notNull(),
    deliveredAt: at('delivered_at'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at'),
    lastError: text('last_error'),
  },
  (t) => [
    index('change_log_undelivered').on(t.id).where(sql`${t.deliveredAt} IS NULL`),
    index('change_log_delivered').on(t.deliveredAt),
    index('change_log_feed').on(t.seq),
  ],
);

/**
 * Public weather warnings (CAP messages) as their feeds brought them, one row per message:
 * `(sender, identifier)` is CAP's identity. An Update or a Cancel marks the messages it
 * references `replaced_at`; a Cancel itself is kept (never shown) so that a message it cancels
 * arriving late is not shown either. `refs` holds the references as `sender identifier`.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sender: text('sender').notNull(),
    identifier: text('identifier').notNull(),
    sent: at('sent').notNull(),
    msgType: text('msg_type').notNull(),
    status: text('status').notNull(),
    refs: text('refs').array().notNull(),
    event: text('event').notNull(),
    severity: text('severity').notNull(),
    urgency: text('urgency').notNull(),
    certainty: text('certainty').notNull(),
    onset: at('onset'),
    expires: at('expires'),
    headline: text('headline'),
    description: text('description'),
    instruction: text('instruction'),
    web: text('web'),
    language: text('language'),
    senderName: text('sender_name').notNull(),
    /** The feed that brought it: `nws`, `met-alerts`, `meteoalarm`, `file`. */
    source: text('source').notNull(),
    /** Its areas as CAP gives them (polygons as [lat, lon] points, circles, geocodes). */
    areas: json('areas').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
    replacedAt: at('replaced_at'),
  },
  (t) => [
    uniqueIndex('alerts_sender_identifier').on(t.sender, t.identifier),
    index('alerts_expires').on(t.expires),
  ],
);

/** The catalog places an alert's areas cover, matched as it arrives. */
export const alertPlaces = pgTable(
  'alert_places',
  {
    alertId: bigint('alert_id', { mode: 'number' })
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    locationId: integer('location_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.alertId, t.locationId] }),
    index('alert_places_location').on(t.locationId),
  ],
);

/**
 * Webhook subscriptions (`isobar subscription create`): where the change feed's entries are
 * pushed (src/webhooks). The secret is stored as it is: every delivery is signed with it (HMAC,
 * Standard Webhooks), so a hash would not do; it is shown once, at creation.
 */
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  url: text('url').notNull(),
  /** The signing key, base64 (shown to its owner as `whsec_` and this). */
  secret: text('secret').notNull(),
  /** Location ids of the places subscribed to. */
  places: integer('places').array().notNull().default(sql`'{}'`),
  /** Countries subscribed to, whole (`NO`). */
  countries: text('countries').array().notNull().default(sql`'{}'`),
  /** The change feed's position at creation: only entries after it are pushed. */
  afterSeq: bigint('after_seq', { mode: 'number' }).notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  disabledAt: at('disabled_at'),
  disabledReason: text('disabled_reason'),
  /** Deliveries in a row that failed after every retry; a success sets it back to 0. */
  failures: integer('failures').notNull().default(0),
  lastDeliveryAt: at('last_delivery_at'),
  lastOutcome: text('last_outcome'),
});

/**
 * How far the change feed has been fanned out to webhook jobs (one row). `leased_until` keeps two
 * origins from fanning out the same entries at once; one that dies leaves it to expire.
 */
export const webhookFanout = pgTable('webhook_fanout', {
  id: smallint('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  leasedUntil: at('leased_until'),
});
