import { describe, expect, it } from 'vitest';
import { endpointHostRefusal, isPublicAddress } from '../../src/server/notify/public-address.ts';

describe('the addresses a push may go to', () => {
  it('are public ones, never private, loopback, link-local, shared or reserved', () => {
    const notPublic = [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.9',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254', // a cloud's metadata service
      '100.64.0.1', // a satellite ISP's carrier-grade NAT
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:7f00:1',
      'not an address',
    ];
    for (const a of notPublic) expect({ a, public: isPublicAddress(a) }).toEqual({ a, public: false });
    const pub = ['142.250.4.95', '172.32.0.1', '8.8.8.8', '2404:6800:4003:c00::5f', '::ffff:142.250.4.95'];
    for (const a of pub) expect({ a, public: isPublicAddress(a) }).toEqual({ a, public: true });
  });

  it('refuses by name endpoints that cannot be a push service, and lets public names through', () => {
    for (const url of [
      'https://localhost/push/1',
      'https://127.0.0.1/push/1',
      'https://[::1]:8443/push/1',
      'https://169.254.169.254/latest/meta-data',
      'https://10.0.0.5/x',
      'https://db.internal/x',
      'https://printer.local/x',
      'https://router/x',
      'https://2130706433/x', // 127.0.0.1 written as one number: URL normalises it
      'https://0x7f.1/x',
    ])
      expect({ url, refusal: endpointHostRefusal(url) }).toEqual({ url, refusal: 'not_public' });
    for (const url of [
      'https://fcm.googleapis.com/fcm/send/abc',
      'https://updates.push.services.mozilla.com/wpush/v2/abc',
      'https://web.push.apple.com/abc',
      'https://[2404:6800:4003:c00::5f]/x',
    ])
      expect({ url, refusal: endpointHostRefusal(url) }).toEqual({ url, refusal: null });
  });
});
