// Security headers. Every response: no MIME sniffing, no referrer leaking paths, same-origin resource
// policy. Pages and static files add a strict Content-Security-Policy (no inline script, nothing from
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

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    reply.headers(EVERY_RESPONSE);
    if (!req.url.startsWith('/api/')) reply.headers(DOCUMENTS);
  });
}
