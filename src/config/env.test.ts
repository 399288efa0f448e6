import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.ts';

describe('loadConfig', () => {
  it('defaults to on-disk PGlite under ./data and port 8080', () => {
    const c = loadConfig({});
    expect(c.dsn).toBe('pglite:./data/isobar');
    expect(c.PORT).toBe(8080);
    expect(c.TRUST_PROXY).toEqual([]);
    expect(c.WRITE_RATE_LIMIT).toBe(120);
    expect(c.GEOIP_DB).toBeUndefined();
    expect(c.METRICS_ALLOW.map((t) => `${t.address}/${t.prefix}`)).toEqual([
      '127.0.0.1/32',
      '::1/128',
    ]);
  });

  it('asks Open-Meteo by default; demo alone is offline, none stands alone', () => {
    expect(loadConfig({}).PROVIDERS).toEqual(['open-meteo']);
    expect(loadConfig({ PROVIDERS: 'demo' }).PROVIDERS).toEqual(['demo']);
    expect(loadConfig({ PROVIDERS: 'met-norway, open-meteo' }).PROVIDERS).toEqual([
      'met-norway',
      'open-meteo',
    ]);
    expect(loadConfig({ PROVIDERS: 'none' }).PROVIDERS).toEqual(['none']);
    expect(() => loadConfig({ PROVIDERS: 'none,open-meteo' })).toThrow(
      /PROVIDERS: none stands alone/,
    );
  });

  it('takes refresh batches in flight per process, unset by default (the provider decides)', () => {
    expect(loadConfig({}).PROVIDER_BATCHES_IN_FLIGHT).toBeUndefined();
    expect(loadConfig({ PROVIDER_BATCHES_IN_FLIGHT: '2' }).PROVIDER_BATCHES_IN_FLIGHT).toBe(2);
    expect(() => loadConfig({ PROVIDER_BATCHES_IN_FLIGHT: '0' })).toThrow(
      /PROVIDER_BATCHES_IN_FLIGHT/,
    );
  });

  it('listens for changes on DATABASE_LISTEN_URL, only beside a postgres DATABASE_URL', () => {
    const pool = 'postgres://u@pgbouncer:6432/isobar';
    const direct = 'postgres://u@db:5432/isobar';
    const c = loadConfig({ DATABASE_URL: pool, DATABASE_LISTEN_URL: direct });
    expect(c.DATABASE_LISTEN_URL).toBe(direct);
    expect(c.DATABASE_LISTEN_HEARTBEAT_MS).toBe(30_000);
    expect(loadConfig({ DATABASE_URL: pool }).DATABASE_LISTEN_URL).toBeUndefined();
    expect(() => loadConfig({ DATABASE_LISTEN_URL: direct })).toThrow(
      /DATABASE_LISTEN_URL: needs a postgres:\/\/ DATABASE_URL/,
    );
    expect(() => loadConfig({ DATABASE_URL: pool, DATABASE_LISTEN_URL: 'pglite:memory' })).toThrow(
      /DATABASE_LISTEN_URL: must start with postgres:\/\//,
    );
    expect(() => loadConfig({ DATABASE_LISTEN_HEARTBEAT_MS: '10' })).toThrow(
      /DATABASE_LISTEN_HEARTBEAT_MS/,
    );
  });

  it('listens on an IP address or a host name', () => {
    for (const host of ['0.0.0.0', '::', 'localhost', 'isobar-1.internal.example'])
      expect(loadConfig({ HOST: host }).HOST).toBe(host);
  });

  it('prefers DATABASE_URL and treats blank variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', PORT: '' }).dsn).toBe(
      'postgres://u@h/db',
    );
    expect(loadConfig({ DATA_DIR: '/var/isobar/' }).dsn).toBe('pglite:/var/isobar/isobar');
  });

  it('takes the caches to purge: a Cloudflare zone with its token, and Varnishes', () => {
    const c = loadConfig({
      CF_ZONE_ID: 'a'.repeat(32),
      CF_API_TOKEN: 't'.repeat(40),
      VARNISH_URLS: 'http://10.0.0.5:6081, http://10.0.0.6:6081',
    });
    expect([c.CF_ZONE_ID, c.CF_API_URL, c.CF_PURGE_PER_MINUTE]).toEqual([
      'a'.repeat(32),
      'https://api.cloudflare.com/client/v4',
      5,
    ]);
    expect(c.VARNISH_URLS).toEqual(['http://10.0.0.5:6081', 'http://10.0.0.6:6081']);
    expect(loadConfig({}).CF_ZONE_ID).toBeUndefined();
    const d = loadConfig({
      DASHBOARD_API_URL: 'https://isobar.example',
      DASHBOARD_METRICS_URL: 'http://origin-1.internal:8080/metrics',
    });
    expect([d.DASHBOARD_API_URL, d.DASHBOARD_METRICS_URL]).toEqual([
      'https://isobar.example',
      'http://origin-1.internal:8080/metrics',
    ]);
  });

  it('parses the geolocation settings', () => {
    const c = loadConfig({
      GEOIP_DB: 'a.mmdb, b.mmdb',
      TRUST_PROXY: '10.0.0.0/8 ::1',
      DEFAULT_LOCATION: 'GB/London',
    });
    expect(c.GEOIP_DB).toEqual(['a.mmdb', 'b.mmdb']);
    expect(c.TRUST_PROXY.map((t) => `${t.address}/${t.prefix}`)).toEqual(['10.0.0.0/8', '::1/128']);
    expect(c.DEFAULT_LOCATION).toBe('GB/London');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ HOST: 'not a host' }, /HOST: must be an IP address or a host name/],
    [{ HOST: '999.1.1.1' }, /HOST: must be an IP address or a host name/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: must start with postgres/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY: invalid CIDR "10.0.0.0\/33"/],
    [{ DEFAULT_LOCATION: 'https://evil.example/' }, /DEFAULT_LOCATION: must be a place path/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ WRITE_RATE_LIMIT: '0' }, /WRITE_RATE_LIMIT/],
    [{ WRITE_RATE_LIMIT: 'lots' }, /WRITE_RATE_LIMIT/],
    [{ METRICS_ALLOW: 'everyone' }, /METRICS_ALLOW: invalid CIDR "everyone"/],
    [{ EDGE_URL: 'https://isobar.example' }, /EDGE_URL: is gone: .*CF_ZONE_ID and CF_API_TOKEN/],
    [{ PURGE_SECRET: 's'.repeat(16) }, /PURGE_SECRET: is gone with EDGE_URL/],
    [{ CF_ZONE_ID: 'a'.repeat(32) }, /CF_API_TOKEN: CF_ZONE_ID and CF_API_TOKEN go together/],
    [
      { CF_ZONE_ID: 'example.com', CF_API_TOKEN: 't'.repeat(40) },
      /CF_ZONE_ID: must be a Cloudflare zone id/,
    ],
    [{ CF_PURGE_PER_MINUTE: '0' }, /CF_PURGE_PER_MINUTE/],
    [{ VARNISH_URLS: 'varnish:6081' }, /VARNISH_URLS.*must be an http\(s\) URL/],
    [{ DASHBOARD_API_URL: 'isobar.example' }, /DASHBOARD_API_URL: must be an http\(s\) URL/],
    [{ DASHBOARD_API_URL: 'https://isobar.example/v1' }, /DASHBOARD_API_URL: .* no path/],
    [{ DASHBOARD_METRICS_URL: 'origin:8080/metrics' }, /DASHBOARD_METRICS_URL: must be an http/],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
