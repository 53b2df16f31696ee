// Rate limits on what anonymous clients can make the server do (issue 13, point 11): records filed
// (applications, sealed boxes, complaints, survey responses), upload requests, tracking-number
// lookups, event streams opened and sign-in requests. Each is counted per client — the address
// (IPv6 by its /64, which one subscriber holds), or the account of an enrolled kiosk or signed-in
// field officer sending with its token — and records also per device key where the records carry
// one. The numbers fit a field officer's 300-application sync and a kiosk's day at once, and stop a
// flood: 20,000 applications, 1,300 tracking guesses a second.
//
// Shared by every server on one PostgreSQL (PostgresBuckets); per process on PGlite, which one
// process owns. RATE_LIMIT_SCALE multiplies every limit (0: no limits, for benchmarks of raw speed).
import { isIPv6 } from 'node:net';
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Database } from '../storage/db.ts';
import { type Buckets, MemoryBuckets, PostgresBuckets, type Rule } from './buckets.ts';

const HOUR = 3600;

export const RATE_RULES = {
  /** Applications, plain or sealed, per client: a field officer's whole trip, a kiosk's busy day. */
  records: { limit: 1000, perSeconds: HOUR },
  /** ...and per device key: one resident's phone. */
  recordsPerDevice: { limit: 100, perSeconds: HOUR },
  complaints: { limit: 100, perSeconds: HOUR },
  complaintsPerDevice: { limit: 20, perSeconds: HOUR },
  /** The resident's replies to and reopenings of their complaints, each proven by the complaint's secret. */
  complaintReplies: { limit: 30, perSeconds: HOUR },
  surveys: { limit: 200, perSeconds: HOUR },
  /** ...of which without an application (walk-ins: made up freely, each from a device key of its own). */
  walkInSurveys: { limit: 30, perSeconds: HOUR },
  /** Declarations, state checks and chunks: ~3 per photo, two photos per application. */
  uploads: { limit: 5000, perSeconds: HOUR },
  /** Status by tracking number: a person looks up a few; 40 bits of number are not for guessing. */
  track: { limit: 100, perSeconds: 600 },
  /** Issued documents fetched by their application's secret (each once per device), and public verifications. */
  documents: { limit: 60, perSeconds: 600 },
  /** Event streams opened (a page reconnects after a drop; a loop of reconnections is refused). */
  streams: { limit: 120, perSeconds: 600 },
  /** Push subscriptions made or removed: a resident follows a few records from a few devices. */
  pushSubscriptions: { limit: 60, perSeconds: HOUR },
  /** Sign-in requests, allowed or not (the sign-in limits themselves are in auth/attempts.ts). */
  signIns: { limit: 300, perSeconds: 900 },
} as const satisfies Record<string, Rule>;
export type RuleName = keyof typeof RATE_RULES;

/** One count to take: `cost` units of `rule` for the request's client, or for another key of it (a device). */
export type Charge = { rule: RuleName; cost: number; key?: string };

export type SlowDown = { retryAfterSeconds: number };

/** The client a limit counts: an enrolled device or field officer by its account, anyone else by address. */
export function clientKey(req: FastifyRequest): string {
  const p = req.principal;
  if (p && (p.role === 'kiosk' || p.role === 'field-officer')) return `account:${p.accountId}`;
  return `ip:${addressKey(req.ip)}`;
}

/** IPv4 (also as IPv4-mapped IPv6) as it is; IPv6 by its /64, the least one subscriber gets. */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

export class RateLimits {
  readonly #buckets: Buckets | null;

  constructor(
    buckets: Buckets,
    private readonly scale: number,
  ) {
    this.#buckets = scale > 0 ? buckets : null;
  }

  static for(db: Database, scale = 1): RateLimits {
    return new RateLimits(db.kind === 'postgres' ? new PostgresBuckets(db) : new MemoryBuckets(), scale);
  }

  /** Takes every charge in turn; the first refused one stops the request (those before it stay taken). */
  async check(req: FastifyRequest, charges: readonly Charge[]): Promise<SlowDown | null> {
    if (!this.#buckets) return null;
    for (const c of charges) {
      if (c.cost <= 0) continue;
      const base = RATE_RULES[c.rule];
      const rule = { limit: Math.max(1, Math.round(base.limit * this.scale)), perSeconds: base.perSeconds };
      const taken = await this.#buckets.take(`${c.rule}|${c.key ?? clientKey(req)}`, c.cost, rule);
      if (!taken.ok) {
        req.log.info({ rule: c.rule, retryAfterSeconds: taken.retryAfterSeconds }, 'rate limited');
        return { retryAfterSeconds: taken.retryAfterSeconds };
      }
    }
    return null;
  }

  /** A route's onRequest hook charging one unit of `rule` per request, before its body is read. */
  perRequest(rule: RuleName): onRequestHookHandler {
    return async (req, reply) => {
      const slow = await this.check(req, [{ rule, cost: 1 }]);
      if (slow) return sendSlowDown(reply, slow);
    };
  }
}

/**
 * Charges per device key of a batch's records (`deviceKeyHash`, where the records carry one): each
 * key its own count of records. Keys a client makes up freely are still bounded by the client's count.
 * An enrolled kiosk or a field officer's tablet is one device serving many residents: its account's
 * count is its bound.
 */
export function deviceCharges(
  req: FastifyRequest,
  rule: RuleName,
  records: ReadonlyArray<Record<string, unknown>>,
): Charge[] {
  if (clientKey(req).startsWith('account:')) return [];
  const counts = new Map<string, number>();
  for (const r of records) {
    const key = r.deviceKeyHash;
    if (typeof key === 'string' && /^[0-9a-f]{64}$/.test(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, cost]) => ({ rule, cost, key: `device:${key}` }));
}

/** 429 (or 503, when the server as a whole is full) with Retry-After. */
export function sendSlowDown(reply: FastifyReply, slow: SlowDown, status: 429 | 503 = 429) {
  reply.header('Retry-After', String(slow.retryAfterSeconds));
  return reply.code(status).send({
    error: {
      code: 'rate_limited',
      message: `Too many requests from this client. Try again in ${slow.retryAfterSeconds} s.`,
      retryAfterSeconds: slow.retryAfterSeconds,
    },
  });
}
