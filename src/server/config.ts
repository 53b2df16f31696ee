// Server configuration, read once from the environment and validated: a bad value stops the start
// with a clear message instead of surfacing later.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { PASSWORD_MIN_LENGTH, Username } from '../domain/accounts/account.ts';

/** proxy-addr's names for address ranges, as Fastify's trustProxy takes them. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One trusted proxy: an address, an address/prefix (CIDR), or a named range. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/**
 * Which peers may tell the client's address and protocol (X-Forwarded-For, X-Forwarded-Proto):
 * false (nobody: the default, for a server facing clients directly), the reverse proxies' addresses,
 * or true (any peer: only where nothing but the proxy can reach the server). Without it, every client
 * behind a proxy has the proxy's address — one sign-in limit and one rate limit for all of them —
 * and with a too-wide setting anyone could claim another address. No hop count: Fastify 5 trusts
 * nobody for one, since it cannot check the peer.
 */
export const TrustProxy = z
  .string()
  .trim()
  .transform((value, ctx): boolean | string => {
    if (value === 'false') return false;
    if (value === 'true') return true;
    const entries = value.split(',').map((e) => e.trim());
    if (entries.every(isProxyAddress)) return entries.join(',');
    ctx.addIssue({
      code: 'custom',
      message:
        "false, true, or the proxies' addresses (comma-separated IPs or CIDRs, or loopback, linklocal, uniquelocal)",
    });
    return z.NEVER;
  });
export type TrustProxy = z.output<typeof TrustProxy>;

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  STATIC_DIR: z.string().min(1).default('./dist'),
  REGION_CODE: z
    .string()
    .regex(/^\d{2}\.\d{2}$/, 'a regency code such as 35.29')
    .default('35.29'),
  // PostgreSQL with fsync or synchronous_commit off loses acknowledged writes in a power cut; the
  // server refuses it unless this says the database is a throwaway one.
  ALLOW_NON_DURABLE_COMMITS: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: TrustProxy.default(false),
  RATE_LIMIT_SCALE: z.coerce.number().min(0).max(1000).default(1),
  STREAMS_MAX: z.coerce.number().int().min(1).max(100_000).default(1000),
  // Web Push (README, "Notifications"): the VAPID key pair from `npx web-push generate-vapid-keys`
  // and a contact the push services may write to (mailto: or https:). All three, or none (push off).
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'a base64url P-256 public key (87 characters)')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'a base64url P-256 private key (43 characters)')
    .optional(),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, 'mailto:… or https://…')
    .optional(),
  // The SMS/WhatsApp gateway adapter: a URL that takes a JSON POST per message, and its bearer token.
  NOTIFY_SMS_URL: z.url({ protocol: /^https?$/ }).optional(),
  NOTIFY_SMS_TOKEN: z.string().min(1).max(4096).optional(),
  // The first administrator, created at start when no administrator exists (never a default password).
  ADMIN_USERNAME: Username.optional(),
  ADMIN_PASSWORD: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters (there is no default password)`)
    .max(256)
    .optional(),
});

export type ServerConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  staticDir: string;
  regionCode: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  /** Start on a PostgreSQL that may acknowledge commits not yet on disk (a throwaway database only). */
  allowNonDurableCommits: boolean;
  /** Fastify's trustProxy: who may tell the client's address and protocol. */
  trustProxy: TrustProxy;
  /** Multiplies every rate limit of anonymous writes (limits/rate-limits.ts); 0 turns them off. */
  rateLimitScale: number;
  /** Event streams this process holds open at most. */
  streamsMax: number;
  /** From ADMIN_USERNAME + ADMIN_PASSWORD: created at start when no administrator exists. */
  firstAdmin: { username: string; password: string } | null;
  /** Web Push's VAPID details, null when push is off. */
  vapid: { publicKey: string; privateKey: string; subject: string } | null;
  /** The SMS/WhatsApp gateway, null when texts are off (they are then listed as failed). */
  textGateway: { url: string; token: string | undefined } | null;
};

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  // Empty variables count as unset, as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (Boolean(e.ADMIN_USERNAME) !== Boolean(e.ADMIN_PASSWORD)) {
    throw new ConfigError(
      'Invalid configuration:\n  ADMIN_USERNAME and ADMIN_PASSWORD: set both (first administrator) or neither',
    );
  }
  const vapid = [e.VAPID_PUBLIC_KEY, e.VAPID_PRIVATE_KEY, e.VAPID_SUBJECT];
  if (vapid.some(Boolean) && !vapid.every(Boolean)) {
    throw new ConfigError(
      'Invalid configuration:\n  VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT: set all three (Web Push) or none',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    staticDir: resolve(e.STATIC_DIR),
    regionCode: e.REGION_CODE,
    logLevel: e.LOG_LEVEL,
    allowNonDurableCommits: e.ALLOW_NON_DURABLE_COMMITS === 'true',
    trustProxy: e.TRUST_PROXY,
    rateLimitScale: e.RATE_LIMIT_SCALE,
    streamsMax: e.STREAMS_MAX,
    firstAdmin:
      e.ADMIN_USERNAME && e.ADMIN_PASSWORD ? { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD } : null,
    vapid:
      e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY && e.VAPID_SUBJECT
        ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject: e.VAPID_SUBJECT }
        : null,
    textGateway: e.NOTIFY_SMS_URL ? { url: e.NOTIFY_SMS_URL, token: e.NOTIFY_SMS_TOKEN } : null,
  };
}
