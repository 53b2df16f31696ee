// A tiny static server for the peers' pages (dist/<peer>/), compressed as the project's server
// compresses its build (@fastify/compress defaults: brotli quality 4 when accepted, else gzip, for
// bodies of 1 KB and more) and never cached (Cache-Control: no-store), so each visit loads all code.
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative } from 'node:path';
import zlib from 'node:zlib';

type Body = { type: string; raw: Buffer; br: Buffer; gzip: Buffer };
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const THRESHOLD = 1024;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

export async function startStaticServer(root: string): Promise<{ host: string; port: number; close(): Promise<void> }> {
  const bodies = new Map<string, Body>();
  for (const file of await filesUnder(root)) {
    const raw = await readFile(file);
    bodies.set(`/${relative(root, file).split('\\').join('/')}`, {
      type: TYPES[extname(file)] ?? 'application/octet-stream',
      raw,
      br: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }),
      gzip: zlib.gzipSync(raw),
    });
  }
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://peers').pathname;
    const body = bodies.get(path.endsWith('/') ? `${path}index.html` : path);
    if (!body) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const accept = String(req.headers['accept-encoding'] ?? '');
    const encoding =
      body.raw.length < THRESHOLD
        ? undefined
        : /\bbr\b/.test(accept)
          ? 'br'
          : /\bgzip\b/.test(accept)
            ? 'gzip'
            : undefined;
    const data = encoding === 'br' ? body.br : encoding === 'gzip' ? body.gzip : body.raw;
    res.writeHead(200, {
      'Content-Type': body.type,
      'Content-Length': data.length,
      'Cache-Control': 'no-store',
      ...(encoding ? { 'Content-Encoding': encoding, Vary: 'Accept-Encoding' } : {}),
    });
    res.end(data);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
