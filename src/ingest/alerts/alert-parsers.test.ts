import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { areasCover } from '../../domain/alerts.ts';
import { AlertFeedError } from './alert-feed-error.ts';
import { parseCap } from './cap.ts';
import { capLinks } from './feed-index.ts';
import { parseNwsAlerts } from './nws.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/alerts/${name}`, import.meta.url), 'utf8');
const LONDON = [51.50853, -0.12574] as const;
const MANCHESTER = [53.48095, -2.23743] as const;

describe('CAP and the alert feeds', () => {
  it("reads MeteoAlarm's CAP message: identity, the English info, the polygon over London", () => {
    const alert = parseCap(fixture('meteoalarm-gb-wind.cap.xml'), 'meteoalarm');
    expect(alert).toMatchObject({
      identifier: '2.49.0.0.826.0.GB.261122080000.wind-london',
      sender: 'https://www.metoffice.gov.uk',
      msgType: 'Alert',
      status: 'Actual',
      event: 'Yellow Wind Warning',
      severity: 'Moderate',
      senderName: 'Met Office',
      headline: 'Yellow warning of wind for London & South East England',
      language: 'en-GB',
      source: 'meteoalarm',
    });
    expect(alert.onset?.toISOString()).toBe('2026-11-22T09:00:00.000Z');
    expect(alert.expires?.toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(alert.areas[0]!.geocodes).toEqual([{ name: 'EMMA_ID', value: 'UK012' }]);
    expect(areasCover(alert.areas, ...LONDON)).toBe(true);
    expect(areasCover(alert.areas, ...MANCHESTER)).toBe(false);
  });

  it('reads an Update and a Cancel with the messages they reference', () => {
    const update = parseCap(fixture('meteoalarm-gb-wind-update.cap.xml'), 'meteoalarm');
    expect(update.msgType).toBe('Update');
    expect(update.references).toEqual([
      {
        sender: 'https://www.metoffice.gov.uk',
        identifier: '2.49.0.0.826.0.GB.261122080000.wind-london',
        sent: new Date('2026-11-22T08:00:00Z'),
      },
    ]);
    const cancel = parseCap(fixture('meteoalarm-gb-wind-cancel.cap.xml'), 'meteoalarm');
    expect(cancel.msgType).toBe('Cancel');
    expect(cancel.references.map((r) => r.identifier)).toEqual([
      '2.49.0.0.826.0.GB.261122080000.wind-london',
      '2.49.0.0.826.0.GB.261122110000.wind-london',
    ]);
  });

  it("takes MET Norway's English info over its Norwegian one", () => {
    const alert = parseCap(fixture('metalerts-gale.cap.xml'), 'met-alerts');
    expect(alert).toMatchObject({ headline: 'Gale', senderName: 'MET Norway', language: 'en-GB' });
    expect(alert.sent.toISOString()).toBe('2026-11-22T07:30:00.000Z');
    expect(areasCover(alert.areas, 69.6492, 18.9553)).toBe(true);
  });

  it('finds the CAP links of the MetAlerts RSS and the MeteoAlarm Atom feed', () => {
    const base = 'http://127.0.0.1:9/feeds/x';
    expect(capLinks(fixture('metalerts.rss'), base).map(String)).toEqual([
      'http://127.0.0.1:9/feeds/metalerts-gale.cap.xml',
    ]);
    expect(capLinks(fixture('meteoalarm-gb.atom'), base).map(String)).toEqual([
      'http://127.0.0.1:9/feeds/meteoalarm-gb-wind.cap.xml',
    ]);
  });

  it("reads the NWS's GeoJSON: polygons turned to lat,lon, zones as geocodes, references", () => {
    const [wind, craft] = parseNwsAlerts(JSON.parse(fixture('nws-active.geojson')));
    expect(wind).toMatchObject({
      event: 'Wind Advisory',
      senderName: 'NWS Upton NY',
      msgType: 'Alert',
    });
    // `ends` (the event's end) wins over `expires` (the message's) for what people are told.
    expect(wind!.expires?.toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(areasCover(wind!.areas, 40.71427, -74.00597)).toBe(true);
    expect(craft!.areas[0]!.polygons).toEqual([]);
    expect(craft!.areas[0]!.geocodes).toContainEqual({ name: 'UGC', value: 'NYZ080' });
    expect(craft!.references[0]!.identifier).toBe('urn:oid:2.49.0.1.840.0.3f9b1c2d.000.1');
  });

  it('refuses what is not CAP, naming the problem', () => {
    expect(() => parseCap('<rss/>', 'file')).toThrow(AlertFeedError);
    expect(() => parseCap('<alert><identifier>x', 'file')).toThrow(/not well-formed XML/);
    expect(() =>
      parseCap(
        '<alert><identifier>a</identifier><sender>s</sender><sent>2026-11-22T08:00:00Z</sent><msgType>Ack</msgType></alert>',
        'file',
      ),
    ).toThrow(/"Ack" is not Alert, Update or Cancel/);
    expect(() => parseNwsAlerts({ type: 'Feature' })).toThrow(/FeatureCollection/);
    const laughs = '<!DOCTYPE a [<!ENTITY l "lol"><!ENTITY l2 "&l;&l;">]><alert>&l2;</alert>';
    expect(() => parseCap(laughs, 'file')).toThrow(/declares entities/);
  });
});
