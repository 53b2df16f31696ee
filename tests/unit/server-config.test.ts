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

describe('TRUST_PROXY (issue 13, point 8)', () => {
  it('trusts no proxy by default, and takes true, addresses, CIDRs and named ranges', () => {
    expect(readConfig({}).trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(readConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy).toBe('127.0.0.1');
    expect(readConfig({ TRUST_PROXY: ' 10.0.0.0/8, loopback ,fd00::/8' }).trustProxy).toBe(
      '10.0.0.0/8,loopback,fd00::/8',
    );
  });

  it('refuses anything else, a hop count included (Fastify would trust nobody for it)', () => {
    for (const value of ['1', 'proxy.local', '10.0.0.1/33', '10.0.0.0/8/1', 'loopback,', '::1/129'])
      expect(() => readConfig({ TRUST_PROXY: value }), value).toThrow(/TRUST_PROXY: false, true, or the proxies/);
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
