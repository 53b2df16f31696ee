// How much one client address may have declared in uploads that are not complete yet. Anyone may
// upload (a resident's phone has no account), so without a limit one client could fill the disk with
// files it never finishes. A phone sends one file at a time and finishes it; a village office or a
// carrier's NAT puts many phones behind one address, hence the generous figure. Incomplete uploads
// also expire (store.ts, expireUploads), which frees an address's share after 7 days at the latest.
import { isIPv4, isIPv6 } from 'node:net';

/** 64 MiB: ~200 photos of 300 KB under way at once from one address. */
export const MAX_IN_FLIGHT_BYTES = 64 * 1024 * 1024;

/**
 * The key bytes in flight are counted under: the IPv4 address, or the /64 prefix of an IPv6 one (a
 * single host commonly holds a whole /64, so counting its addresses apart would count nothing).
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
