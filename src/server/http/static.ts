// Serves the built PWA. Hashed assets are immutable; everything else (index.html, sw.js, the
// manifest, icons) is revalidated so an update reaches devices on their next visit. Unknown
// non-API paths get the shell, so deep links like /layanan/akta-kelahiran work online too.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { apiError } from './errors.ts';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** Cache-Control for a file of the build, by its path relative to the build folder ('/assets/x.js'). */
export function cacheControlFor(relativePath: string): string {
  return /^\/?assets\//.test(relativePath.replaceAll('\\', '/')) ? IMMUTABLE : REVALIDATE;
}

export async function registerStatic(app: FastifyInstance, staticDir: string): Promise<boolean> {
  const built = existsSync(join(staticDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: false,
      index: false,
      cacheControl: false,
      // The hashed assets' brotli and gzip siblings (precompress.ts); other files compress per request.
      preCompressed: true,
      setHeaders(reply, path) {
        reply.header('Cache-Control', cacheControlFor(relative(staticDir, path)));
        if (path.endsWith('.webmanifest')) reply.header('Content-Type', 'application/manifest+json');
      },
    });
  } else {
    app.log.warn({ staticDir }, 'no built app found: serving the API only (run `npm run build`)');
  }

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    const wantsPage =
      (req.method === 'GET' || req.method === 'HEAD') && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
    if (wantsPage && built) {
      return reply.header('Cache-Control', REVALIDATE).type('text/html; charset=utf-8').sendFile('index.html');
    }
    return reply.code(404).send(apiError('not_found', `No route for ${req.method} ${path}`));
  });
  return built;
}
