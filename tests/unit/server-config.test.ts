import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/server/config.ts';
import { cacheControlFor, IMMUTABLE, REVALIDATE } from '../../src/server/http/static.ts';

describe('server configuration from the environment', () => {
  it('has the documented defaults', () => {
    const c = readConfig({});
    expect(c).toMatchObject({
      port: 8080,
      dataDir: resolve('./data'),
      databaseUrl: undefined,
      staticDir: resolve('./dist'),
    });
  });

  it('reads PORT, DATA_DIR and DATABASE_URL; empty values count as unset', () => {
    const c = readConfig({ PORT: '9000', DATA_DIR: '/srv/nusa', DATABASE_URL: 'postgresql://u:p@db/nusa' });
    expect(c).toMatchObject({ port: 9000, dataDir: '/srv/nusa', databaseUrl: 'postgresql://u:p@db/nusa' });
    expect(readConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 8080 });
  });

  it('rejects bad values with a message naming each variable', () => {
    expect(() => readConfig({ PORT: '70000' })).toThrow(ConfigError);
    try {
      readConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/DATABASE_URL: must start with postgres/);
    }
  });
});

describe('cache policy of the built files', () => {
  it('makes hashed assets immutable and revalidates everything else', () => {
    expect(cacheControlFor('assets/index-KM6txa6L.js')).toBe(IMMUTABLE);
    expect(cacheControlFor('/assets/index-BKCKLTVK.css')).toBe(IMMUTABLE);
    for (const f of ['index.html', 'sw.js', 'manifest.webmanifest', 'pwa-192x192.png', 'icon.svg'])
      expect(cacheControlFor(f), f).toBe(REVALIDATE);
  });
});
