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

  it('takes the edge to purge and its secret together', () => {
    const c = loadConfig({ EDGE_URL: 'https://isobar.example', PURGE_SECRET: 'a'.repeat(32) });
    expect(c.EDGE_URL).toBe('https://isobar.example');
    expect(loadConfig({}).EDGE_URL).toBeUndefined();
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
    [{ EDGE_URL: 'https://isobar.example/x' }, /EDGE_URL: must be an http\(s\) URL with no path/],
    [{ EDGE_URL: 'https://isobar.example' }, /PURGE_SECRET: is required when EDGE_URL is set/],
    [{ DASHBOARD_API_URL: 'isobar.example' }, /DASHBOARD_API_URL: must be an http\(s\) URL/],
    [{ DASHBOARD_API_URL: 'https://isobar.example/v1' }, /DASHBOARD_API_URL: .* no path/],
    [{ DASHBOARD_METRICS_URL: 'origin:8080/metrics' }, /DASHBOARD_METRICS_URL: must be an http/],
    [
      { EDGE_URL: 'https://isobar.example', PURGE_SECRET: 'short' },
      /PURGE_SECRET: must be at least 16/,
    ],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
