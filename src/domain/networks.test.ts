import { describe, expect, it } from 'vitest';
import { parseCidrList } from './networks.ts';

describe('parseCidrList', () => {
  it('reads IPv4 and IPv6 networks and bare addresses, comma or space separated', () => {
    expect(parseCidrList(' 10.0.0.0/8,192.168.1.7  fd00::/8,\n::1 ')).toEqual([
      { address: '10.0.0.0', prefix: 8, family: 4 },
      { address: '192.168.1.7', prefix: 32, family: 4 },
      { address: 'fd00::', prefix: 8, family: 6 },
      { address: '::1', prefix: 128, family: 6 },
    ]);
    expect(parseCidrList('')).toEqual([]);
  });

  it('turns an IPv4-mapped network into the IPv4 one it means', () => {
    expect(parseCidrList('::ffff:10.0.0.0/104, ::ffff:10.1.2.3')).toEqual([
      { address: '10.0.0.0', prefix: 8, family: 4 },
      { address: '10.1.2.3', prefix: 32, family: 4 },
    ]);
  });

  it.each([
    ['10.0.0.0/8, 10.0.0.0/33', '10.0.0.0/33'],
    ['fd00::/129', 'fd00::/129'],
    ['10.0.0.0/', '10.0.0.0/'],
    ['10.0.0.0/8/8', '10.0.0.0/8/8'],
    ['10.0.0.0/-1', '10.0.0.0/-1'],
    ['10.0.0/8', '10.0.0/8'],
    ['proxy.internal', 'proxy.internal'],
    ['10.0.0.0;/8', '10.0.0.0;/8'],
    ['fe80::1%eth0', 'fe80::1%eth0'],
    ['::ffff:10.0.0.0/64', '::ffff:10.0.0.0/64'],
  ])('rejects %j, naming %s', (text, bad) => {
    expect(() => parseCidrList(text)).toThrow(`invalid CIDR "${bad}"`);
  });
});
