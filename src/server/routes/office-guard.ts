// requireRole (a preHandler) run as an onRequest hook: the principal is resolved by the global
// onRequest hook registered before the routes, so the check can come before body parsing and
// schema validation — unauthenticated or wrong-role callers get 401/403, never a 400.
import type { onRequestHookHandler, preHandlerHookHandler } from 'fastify';

export const beforeParsing = (check: preHandlerHookHandler): onRequestHookHandler =>
  check as unknown as onRequestHookHandler;
