// The build's hashed assets compressed once, at build time, at the strongest settings (brotli 11,
// gzip 9). On the island's 1 Mbit/s link every kilobyte costs 8 ms, and brotli 11 is ~15 % smaller
// than the quality 4 that per-request compression can afford on a small server's CPU. static.ts
// sends the .br or .gz sibling to a client that accepts it.
//
// Only files under assets/: their names carry a hash of their content, so a sibling can never be
// older than its file. The shell, the service worker and the manifest keep their names across
// releases (and a deployment may touch them), so they are compressed per request as before.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

const PRECOMPRESSED_DIR = 'assets';
/** What compresses: text. Images and fonts are compressed formats already. */
const TEXT = /\.(?:js|mjs|css|json|svg|html|txt|wasm)$/;
/** Below this, a compressed body saves less than its headers cost (the per-request threshold too). */
const MIN_BYTES = 1024;

async function textFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && TEXT.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/** A text file's brotli 11 and gzip 9 bodies. */
export async function compressText(body: Buffer | string): Promise<{ br: Buffer; gzipped: Buffer }> {
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  const [br, gzipped] = await Promise.all([
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: size,
      },
    }),
    gz(body, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  return { br, gzipped };
}

/** Writes `<file>.br` and `<file>.gz` beside every text file of `<buildDir>/assets` worth it. */
export async function precompressBuild(buildDir: string): Promise<void> {
  const files = await textFiles(join(buildDir, PRECOMPRESSED_DIR));
  // zlib runs these on libuv's thread pool: all files at once use every core.
  await Promise.all(
    files.map(async (file) => {
      const body = await readFile(file);
      if (body.length < MIN_BYTES) return;
      const { br, gzipped } = await compressText(body);
      await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
    }),
  );
}
