// Security headers. Every response: no MIME sniffing, no referrer leaking paths, same-origin resource
// policy, and HSTS when it came over HTTPS. API answers are not cached unless their route says so. Pages and static files add a strict Content-Security-Policy (no inline script, nothing from
// other origins — the app talks only to its own server) and framing/isolation rules. API answers
// skip those document-only headers: on a satellite link, a sync check must stay under 1 KB.
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const EVERY_RESPONSE = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const DOCUMENTS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Origin-Agent-Cluster': '?1',
};

/** Two years, as browsers' preload lists ask; only ever sent over HTTPS (RFC 6797 8.1). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000';

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    reply.headers(EVERY_RESPONSE);
    if (req.url.startsWith('/api/')) {
      // No API answer is stored by a browser or anything between unless its route says so (the
      // catalogue and tracking routes revalidate): the queue, NIK search, accounts, the audit log,
      // a device's own updates all carry personal data, and a new route is safe by default.
      reply.header('Cache-Control', 'no-store');
    } else reply.headers(DOCUMENTS);
    // req.protocol is https only for a TLS socket or, from a TRUST_PROXY proxy, X-Forwarded-Proto.
    if (req.protocol === 'https') reply.header('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  });
}
