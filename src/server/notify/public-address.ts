// A push endpoint is a URL any anonymous device may hand the server, and the server then POSTs to it:
// without a check, a device could point it at the regency's own network (the database, a router's
// admin page, a cloud metadata address) and have the server call it. Push services are public hosts,
// so endpoints naming, or resolving to, a private, loopback, link-local or reserved address are refused:
// by name when the device subscribes, and by the address actually connected to when a push is sent
// (a name can resolve differently later).
import { type LookupAddress, type LookupAllOptions, type LookupOneOptions, lookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT: a satellite ISP's own network
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');

/** Whether `address` (an IPv4 or IPv6 literal) is one a public push service could have. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NOT_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return false;
  const lower = address.toLowerCase();
  // IPv4-mapped (::ffff:10.0.0.1) and IPv4-compatible forms reach the IPv4 address inside.
  const mapped = /^::(ffff:)?(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isPublicAddress(mapped[2]!);
  if (lower.startsWith('::ffff:')) return false;
  return !NOT_PUBLIC.check(lower, 'ipv6');
}

/** Why an endpoint's host cannot be a push service's, judged by its name alone; null when it may be. */
export function endpointHostRefusal(endpoint: string): 'not_public' | null {
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return 'not_public';
  }
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  if (isIP(literal)) return isPublicAddress(literal) ? null : 'not_public';
  if (!literal.includes('.') || /\.(localhost|local|internal|lan|home|arpa)$/.test(literal)) return 'not_public';
  return literal === 'localhost' ? 'not_public' : null;
}

export class NotPublicAddressError extends Error {
  override readonly name = 'NotPublicAddressError';
  readonly code = 'ENOTPUBLIC';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request that connects only to public addresses: the check is on the address
 * the socket will use, so a name re-pointed after the check (DNS rebinding) gains nothing.
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOneOptions | LookupAllOptions,
  callback: LookupCallback,
): void {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const usable = addresses.filter((a) => isPublicAddress(a.address));
    if (!usable.length) return callback(new NotPublicAddressError(`${hostname} resolves to no public address`), []);
    if ((options as LookupAllOptions).all) return callback(null, usable);
    callback(null, usable[0]!.address, usable[0]!.family);
  });
}
