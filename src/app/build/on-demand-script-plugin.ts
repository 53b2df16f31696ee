// Build-time only (imported by vite.config.ts, never by the app): the service worker's heavy part —
// the outbox drain and the push notices' check (Dexie, zod, the domain's schemas: nine tenths of the
// worker's code) — built as a script of its own, which the worker loads with importScripts only when
// a Background Sync or a push needs it (sw/on-demand-loader.ts). Every other start of the worker
// (each cold start of the app, each navigation it answers) evaluates the small rest alone. The
// script is an asset named by its content, so a change to it changes sw.js (the URL in it) and
// reaches devices as an update. It is not precached: the worker stores it with its own scripts.
import { createHash } from 'node:crypto';
import { build, type Plugin } from 'vite';

export const ON_DEMAND_MODULE = 'virtual:sw-on-demand-url';
/** The global the script's exports land on (sw/on-demand.ts); the module tells the loader its name. */
export const ON_DEMAND_GLOBAL = 'nusaLayanOnDemand';

/** The build's compression of assets (src/server/http/precompress.ts), handed in by vite.config.ts. */
type Compress = (body: string) => Promise<{ br: Uint8Array; gzipped: Uint8Array }>;

export function onDemandScriptPlugin(entry: string, compress: Compress): Plugin {
  const resolved = `\0${ON_DEMAND_MODULE}`;
  return {
    name: 'nusa-layan:sw-on-demand',
    resolveId(requested) {
      return requested === ON_DEMAND_MODULE ? resolved : null;
    },
    async load(requested) {
      if (requested !== resolved) return null;
      const output = await build({
        configFile: false,
        logLevel: 'warn',
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          write: false,
          target: 'es2022',
          minify: true,
          sourcemap: false,
          lib: { entry, formats: ['iife'], name: ON_DEMAND_GLOBAL, fileName: () => 'on-demand.js' },
          rollupOptions: { output: { inlineDynamicImports: true } },
        },
      });
      const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
      const script = chunks.find((c) => c.type === 'chunk');
      if (!script || chunks.length !== 1)
        throw new Error(`service worker on-demand script: expected one script, got ${chunks.length} files`);
      const hash = createHash('sha256').update(script.code).digest('hex').slice(0, 12);
      const fileName = `assets/sw-on-demand-${hash}.js`;
      // Its brotli and gzip siblings too, like every other asset's (the app's build compressed those
      // before this worker's build wrote this one).
      const { br, gzipped } = await compress(script.code);
      this.emitFile({ type: 'asset', fileName, source: script.code });
      this.emitFile({ type: 'asset', fileName: `${fileName}.br`, source: br });
      this.emitFile({ type: 'asset', fileName: `${fileName}.gz`, source: gzipped });
      this.addWatchFile(entry);
      return `export const url = ${JSON.stringify(`/${fileName}`)};\nexport const global = ${JSON.stringify(ON_DEMAND_GLOBAL)};\n`;
    },
  };
}
