// The key an address's bytes in flight are counted under: an IPv4 address as it is (also when the
// socket reports it IPv4-mapped), an IPv6 address by its /64, however it is written.
import { describe, expect, it } from 'vitest';
import { clientKey } from '../../src/server/uploads/in-flight.ts';

describe('clientKey', () => {
  it('keeps an IPv4 address, also IPv4-mapped', () => {
    expect(clientKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('::FFFF:203.0.113.9')).toBe('203.0.113.9');
  });

  it('counts an IPv6 address by its /64, whichever way it is written', () => {
    const key = '2001:db8:a:b::/64';
    expect(clientKey('2001:db8:a:b::1')).toBe(key);
    expect(clientKey('2001:0db8:000a:000b:ffff:1:2:3')).toBe(key);
    expect(clientKey('2001:DB8:A:B:0:0:0:9')).toBe(key);
    expect(clientKey('2001:db8:a:c::1')).not.toBe(key);
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });
});
