import { describe, expect, it } from 'vitest';
import { clientBlock, parseIp } from './ip-address.ts';

describe('parseIp', () => {
  it('unwraps IPv4-mapped IPv6 however it is spelt', () => {
    for (const text of [
      '::ffff:192.0.2.1',
      '::FFFF:192.0.2.1',
      '::ffff:c000:201',
      '0:0:0:0:0:ffff:c000:201',
      '::0:ffff:192.0.2.1',
    ]) {
      expect(parseIp(text), text).toEqual({ text: '192.0.2.1', family: 4 });
    }
  });

  it('leaves other IPv6 alone, without its zone', () => {
    expect(parseIp('::192.0.2.1')).toEqual({ text: '::192.0.2.1', family: 6 });
    expect(parseIp('64:ff9b::192.0.2.1')).toEqual({ text: '64:ff9b::192.0.2.1', family: 6 });
    expect(parseIp('::ffff:0:c000:201')).toEqual({ text: '::ffff:0:c000:201', family: 6 });
    expect(parseIp('FE80::1%eth0')).toEqual({ text: 'FE80::1', family: 6 });
  });

  it('rejects anything that is not exactly one address', () => {
    for (const text of [
      '',
      ' 192.0.2.1',
      '192.0.2.1%eth0',
      '192.0.2',
      '192.0.2.01',
      '[::1]',
      '192.0.2.1:80',
      'localhost',
    ]) {
      expect(parseIp(text), JSON.stringify(text)).toBeNull();
    }
  });
});

describe('clientBlock', () => {
  it('is an IPv4 address itself, and the /64 of an IPv6 one however it is spelt', () => {
    expect(clientBlock('203.0.113.9')).toBe('203.0.113.9');
    expect(clientBlock('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientBlock('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientBlock('2001:0DB8:0001:0002:ffff:1:2:3%eth0')).toBe('2001:db8:1:2::/64');
    expect(clientBlock('2001:db8:1:3::1')).not.toBe(clientBlock('2001:db8:1:2::1'));
    expect(clientBlock('')).toBe('');
  });
});
