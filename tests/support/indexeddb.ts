// Reads the origin's IndexedDB raw, as someone holding a lost tablet could: every database, every
// object store, every value — Blobs and typed arrays included, as Latin-1 text of their bytes, so a
// plaintext NIK, name or JPEG inside a photo's bytes is found too.
import type { BrowserContext, Page } from 'playwright-core';

export type Dump = { db: string; store: string; rows: number; json: string };

export async function dumpIndexedDb(p: Page): Promise<Dump[]> {
  return p.evaluate(async () => {
    const bytesAsText = (bytes: Uint8Array) => {
      let s = '';
      for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
      return s;
    };
    // Blobs cannot be read inside JSON.stringify (async): replace them first, however deep.
    const readBlobs = async (value: unknown): Promise<unknown> => {
      if (value instanceof Blob)
        return { blob: value.type, bytes: bytesAsText(new Uint8Array(await value.arrayBuffer())) };
      if (value instanceof Uint8Array) return bytesAsText(value);
      if (value instanceof ArrayBuffer) return bytesAsText(new Uint8Array(value));
      if (Array.isArray(value)) return Promise.all(value.map(readBlobs));
      if (value && typeof value === 'object' && !(value instanceof CryptoKey)) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) out[k] = await readBlobs(v);
        return out;
      }
      return value;
    };
    const out: Dump[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of [...db.objectStoreNames]) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        out.push({ db: info.name!, store, rows: rows.length, json: JSON.stringify(await readBlobs(rows)) });
      }
      db.close();
    }
    return out;
  });
}

/** The IndexedDB of `baseUrl`'s origin, read by a page there that runs no app code (an API answer). */
export async function dumpOrigin(context: BrowserContext, baseUrl: string): Promise<Dump[]> {
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}/api/health`);
    return await dumpIndexedDb(page);
  } finally {
    await page.close();
  }
}

/**
 * A Blob whose bytes start with JPEG's start-of-image marker, as it reads in a dump: a readable photo
 * (or thumbnail). Matched at the start of a Blob's bytes only — ciphertext contains any 3 bytes
 * somewhere by chance.
 */
export const READABLE_JPEG_TEXT = '"bytes":"\u00ff\u00d8\u00ff';

/** Where in the dumps a text occurs ("db/store"), for a clear failure message. */
export const whereFound = (dumps: readonly Dump[], text: string): string[] =>
  dumps.filter((d) => d.json.includes(text)).map((d) => `${d.db}/${d.store}`);
