import { describe, expect, it } from 'vitest';
import { parseCidrList } from '../domain/networks.ts';
import { createClientAddress } from './client-address.ts';

describe('createClientAddress', () => {
  const behindProxies = createClientAddress(parseCidrList('10.0.0.0/8, 2001:db8:cafe::/48'));

  it('uses the socket peer when it is not a trusted proxy, ignoring any header it sent', () => {
    expect(behindProxies('203.0.113.9', undefined)).toBe('203.0.113.9');
    expect(behindProxies('203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
    expect(behindProxies('2001:db8:beef::1', '10.0.0.1, 198.51.100.1')).toBe('2001:db8:beef::1');
  });

  it('trusts nobody when no proxy is configured', () => {
    expect(createClientAddress([])('10.0.0.2', '198.51.100.1')).toBe('10.0.0.2');
  });

  it('takes the hop a trusted proxy reports', () => {
    expect(behindProxies('10.0.0.2', '198.51.100.1')).toBe('198.51.100.1');
    expect(behindProxies('10.0.0.2', undefined)).toBe('10.0.0.2');
    expect(behindProxies('10.0.0.2', '')).toBe('10.0.0.2');
  });

  it('reads from the right, skipping trusted hops, and stops at the first untrusted one', () => {
    expect(behindProxies('10.0.0.2', '198.51.100.1, 10.1.1.1, 10.2.2.2')).toBe('198.51.100.1');
    // Whatever the client wrote to the left of its own address is its own claim.
    expect(behindProxies('10.0.0.2', '1.1.1.1, 8.8.8.8, 198.51.100.1, 10.1.1.1')).toBe(
      '198.51.100.1',
    );
  });

  it('gives the leftmost hop when every hop is trusted', () => {
    expect(behindProxies('10.0.0.2', '10.9.9.9, 10.1.1.1')).toBe('10.9.9.9');
  });

  it('stops at garbage, keeping the last hop a trusted proxy vouched for', () => {
    expect(behindProxies('10.0.0.2', '198.51.100.1, unknown, 10.1.1.1')).toBe('10.1.1.1');
    expect(behindProxies('10.0.0.2', '198.51.100.1, not-an-ip')).toBe('10.0.0.2');
    expect(behindProxies('10.0.0.2', '198.51.100.1,,10.1.1.1')).toBe('10.1.1.1');
    expect(behindProxies('10.0.0.2', '198.51.100.1, 10.1.1.1/8')).toBe('10.0.0.2');
  });

  it('handles IPv6 peers and hops, and hops written with a port', () => {
    expect(behindProxies('2001:db8:cafe::10', '2001:db8:beef::1')).toBe('2001:db8:beef::1');
    expect(behindProxies('2001:DB8:CAFE::10', '[2001:db8:beef::1]:443, 10.1.1.1:8080')).toBe(
      '2001:db8:beef::1',
    );
    expect(behindProxies('10.0.0.2', '198.51.100.1:51234')).toBe('198.51.100.1');
  });

  it('sees an IPv4-mapped peer or hop as the IPv4 address it is', () => {
    expect(behindProxies('::ffff:10.0.0.2', '::ffff:198.51.100.1')).toBe('198.51.100.1');
    expect(behindProxies('::ffff:203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
    expect(behindProxies('::ffff:a00:2', '198.51.100.1')).toBe('198.51.100.1');
  });

  it('passes through a socket address it cannot read, trusting nothing', () => {
    expect(behindProxies('', '198.51.100.1')).toBe('');
  });
});
