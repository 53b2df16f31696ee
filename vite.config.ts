// Build of the PWA (root: src/app) and its service worker (sw/, injectManifest), and the test projects.
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { minimal2023Preset } from '@vite-pwa/assets-generator/config';
import type { OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { noChunkCycles } from './src/app/build/chunk-cycles-plugin.ts';
import { districtCodesPlugin } from './src/app/build/district-codes-plugin.ts';
import { onDemandScriptPlugin } from './src/app/build/on-demand-script-plugin.ts';
import { rxSchemasPlugin } from './src/app/build/rx-schemas-plugin.ts';
import { compressText, precompressBuild } from './src/server/http/precompress.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const OFFICE_SOURCES = here('./src/app/office/');

/**
 * What the resident's first screens need, in one chunk beside the entry: the catalogue screens with
 * their light helpers (no RxDB, no zod) and the first catalogue pull. On a satellite link every file
 * is a round trip and every wave of imports another: the list must not be more than one wave deep.
 */
const FIRST_SCREENS = [
  'src/app/mount.tsx',
  'src/app/App.tsx',
  'src/app/routes/',
  'src/app/i18n/index.ts',
  'src/app/i18n/RouteLanguage.tsx',
  'src/app/i18n/messages/core/',
  'src/app/catalogue/',
  'src/app/components/',
  'src/app/hooks/',
  'src/app/i18n/relative-time.ts',
  'src/app/shell/',
  'src/data/outbox/presence.ts',
  'src/data/device-database-loaded.ts',
  'src/data/yield.ts',
  'src/domain/catalogue/glance.ts',
  'src/domain/catalogue/search.ts',
  'src/domain/catalogue/hours.ts',
  'src/domain/time/wib.ts',
  'src/domain/format.ts',
  'node_modules/uqr/',
  'node_modules/preact/',
  'node_modules/preact-iso/',
].map((p) => here(`./${p}`));
/** The first catalogue pull and what it needs stay in the entry: its requests leave with it. */
const BOOT = [
  'src/data/catalogue/first-pull.ts',
  'src/data/catalogue/snapshot.ts',
  'src/data/sync-status.ts',
  // The entry decides when the app starts behind a screen copy (src/app/copy-pause.ts).
  'src/data/screen-copy.ts',
].map((p) => here(`./${p}`));
/**
 * The page's side of the catalogue sync: free of RxDB and zod (the check itself runs in a worker), so
 * starting it does not evaluate the device-data chunk on the page. A chunk of its own.
 */
const PAGE_SIDE_SYNC = ['background.ts', 'sync.ts', 'version.ts'].map((f) => here(`./src/data/catalogue/${f}`));
/**
 * The domain and zod, with the few plain modules of the data layer a form needs before the device
 * database (no RxDB, no Dexie): the form's first field waits for this chunk, not for device-data.
 */
const DOMAIN = ['src/domain/', 'node_modules/zod/'].map((p) => here(`./${p}`));
const FORM_DATA = [
  'src/data/drafts/patch.ts',
  'src/data/drafts/draft-copy.ts',
  'src/data/drafts/first-writes.ts',
  'src/data/storage-errors.ts',
  'src/data/attachments/errors.ts',
  'src/data/field/locked-error.ts',
].map((p) => here(`./${p}`));
/**
 * The resident's form up to its first field, apart from the other application screens (which stand
 * on the device database): shown from the draft's copy while device-data is on its way.
 */
const DRAFT_FORM = [
  'DraftForm.tsx',
  'DraftGate.tsx',
  'DraftFields.tsx',
  'FormFields.tsx',
  'Checklist.tsx',
  'error-messages.ts',
  'form-labels.ts',
  'validation.ts',
  'fields/AddressField.tsx',
  'fields/FieldInput.tsx',
  'fields/FieldShell.tsx',
  'steps/',
].map((p) => here(`./src/app/applications/${p}`));
/** The device's data layer and what it stands on (every other package): one chunk, after the first screen. */
const DEVICE_DATA = ['src/data/', 'src/domain/', 'node_modules/'].map((p) => here(`./${p}`));
/** Packages with a place of their own: the first screens', and the worker registration's. */
const NOT_DEVICE_DATA = [
  'node_modules/preact/',
  'node_modules/preact-iso/',
  'node_modules/uqr/',
  'node_modules/workbox-',
].map((p) => here(`./${p}`));
/** Registers the worker after the first screen: workbox-window stays out of the first-paint chunk. */
const REGISTER_SW = here('./src/app/shell/register-sw.ts');
/** Screens of one area load together: fewer, larger files for the precache and for each visit. */
const AREAS = ['applications', 'feedback', 'kiosk', 'field'].map((a) => [a, here(`./src/app/${a}/`)] as const);
/**
 * Feedback screens use the application form's field shell, and the sent-application screen offers the
 * survey: that offer (light, no form code) loads with the application screens, or the two area chunks
 * would import each other.
 */
const WITH_APPLICATIONS = [here('./src/app/feedback/SurveyOffer.tsx')];
const under = (dirs: string[]) => (id: string) => dirs.some((d) => id.startsWith(d));
type ModuleInfo = { importers: readonly string[]; dynamicImporters: readonly string[] } | null;

/**
 * Modules outside src/app/office that back-office code alone imports (directly or through other such
 * modules), e.g. the form editor's rule checks: their chunks are the back office's too. Found from the
 * module graph once the build has it; only names chunks, never moves code between them.
 */
const officeOnlyModules = new Set<string>();
function officeOnlyGraph(): Plugin {
  return {
    name: 'nusa:office-only-modules',
    apply: 'build',
    buildEnd() {
      officeOnlyModules.clear();
      const memo = new Map<string, boolean>();
      const officeOnly = (id: string): boolean => {
        if (id.startsWith(OFFICE_SOURCES)) return true;
        const known = memo.get(id);
        if (known !== undefined) return known;
        memo.set(id, false); // a cycle counts as reached from elsewhere: the safe side
        const info = this.getModuleInfo(id) as ModuleInfo;
        const importers = info ? [...info.importers, ...info.dynamicImporters] : [];
        const result = importers.length > 0 && importers.every(officeOnly);
        memo.set(id, result);
        return result;
      };
      for (const id of this.getModuleIds())
        if (!id.startsWith(OFFICE_SOURCES) && officeOnly(id)) officeOnlyModules.add(id);
    },
  };
}
const isOfficeModule = (id: string) => id.startsWith(OFFICE_SOURCES) || officeOnlyModules.has(id);

export const THEME_COLOR = '#0b5d5e';
export const BACKGROUND_COLOR = '#f7f5ef';

/** index.html preloads the first screens' chunk, which the entry imports only after its first pull. */
function preloadFirstScreens(): Plugin {
  return {
    name: 'nusa-layan:preload-first-screens',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (c): c is OutputChunk => c.type === 'chunk' && c.name === 'first-screens',
        );
        if (!chunk) throw new Error('no first-screens chunk to preload');
        // The chunk and what it imports (the entry itself is already there).
        const files = [chunk.fileName, ...chunk.imports].filter((f) => !html.includes(`/${f}`));
        return files.map((f) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/** Brotli 11 and gzip 9 siblings of the hashed assets, for the server to send as they are. */
function precompressAssets(): Plugin {
  return {
    name: 'nusa-layan:precompress-assets',
    apply: 'build',
    // After the files are written, and only then: a failed build keeps its own error.
    async writeBundle(output) {
      if (output.dir) await precompressBuild(output.dir);
    },
  };
}

export default defineConfig({
  root: here('./src/app'),
  publicDir: here('./public'),
  // The catalogue worker opens the device database too.
  worker: { plugins: () => [rxSchemasPlugin()] },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        // The back office is online-only (it reads the server): chunks made only of its code are named
        // apart, so the service worker does not put them on every resident's phone (see globIgnores).
        chunkFileNames: (chunk) =>
          chunk.moduleIds.length > 0 && chunk.moduleIds.every(isOfficeModule)
            ? 'assets/backoffice-[name]-[hash].js'
            : 'assets/[name]-[hash].js',
        // Vite 8 bundles with Rolldown; its groups replace Rollup's manualChunks.
        codeSplitting: {
          // Each group takes only what it names: the first pull (BOOT) stays in the entry, whoever imports it.
          includeDependenciesRecursively: false,
          groups: [
            {
              name: 'first-screens',
              test: (id) => under(FIRST_SCREENS)(id) && id !== REGISTER_SW,
              priority: 30,
            },
            {
              name: 'domain',
              test: (id) => (under(DOMAIN)(id) || FORM_DATA.includes(id)) && !BOOT.includes(id) && !isOfficeModule(id),
              priority: 25,
            },
            {
              name: 'draft-form',
              test: under(DRAFT_FORM),
              priority: 15,
            },
            {
              name: 'device-data',
              test: (id) =>
                under(DEVICE_DATA)(id) &&
                !BOOT.includes(id) &&
                !PAGE_SIDE_SYNC.includes(id) &&
                !under(NOT_DEVICE_DATA)(id) &&
                !isOfficeModule(id),
              priority: 20,
            },
            ...AREAS.map(([name, dir]) => ({
              name,
              test: (id: string) =>
                name === 'applications'
                  ? under([dir])(id) || WITH_APPLICATIONS.includes(id)
                  : under([dir])(id) && !WITH_APPLICATIONS.includes(id),
              priority: 10,
            })),
          ],
        },
      },
    },
  },
  plugins: [
    preact(),
    preloadFirstScreens(),
    precompressAssets(),
    districtCodesPlugin(),
    rxSchemasPlugin(),
    officeOnlyGraph(),
    noChunkCycles(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: here('./sw'),
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      pwaAssets: {
        image: here('./public/icon.svg'),
        // Maskable and Apple icons are cropped by the OS: fill their safe-zone padding with the theme
        // colour instead of the preset's white.
        preset: {
          ...minimal2023Preset,
          maskable: { ...minimal2023Preset.maskable, resizeOptions: { background: THEME_COLOR } },
          apple: { ...minimal2023Preset.apple, resizeOptions: { background: THEME_COLOR } },
        },
        overrideManifestIcons: true,
        includeHtmlHeadLinks: true,
      },
      manifest: {
        id: '/',
        name: 'Nusa Layan',
        short_name: 'Nusa Layan',
        description: 'Layanan publik untuk kepulauan — tetap berjalan tanpa sinyal.',
        lang: 'id',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: THEME_COLOR,
        background_color: BACKGROUND_COLOR,
        categories: ['government', 'utilities'],
      },
      injectManifest: {
        // The web manifest is added by vite-plugin-pwa itself; globbing it too would list it twice.
        globPatterns: ['**/*.{js,css,html,svg,png,ico}'],
        // The back office's own screens load from the server when used (online-only by design);
        // offline, /petugas shows that it needs a connection (src/app/routes/NeedsConnection.tsx).
        // The catalogue worker checks the server, so it only ever runs online: it comes from the
        // network (or the HTTP cache: hashed assets are immutable), not on every phone's precache.
        // The worker's on-demand part is stored with the worker's own scripts (sw/on-demand-loader.ts).
        globIgnores: ['**/assets/backoffice-*.js', '**/assets/catalogue.worker-*.js', '**/assets/sw-on-demand-*.js'],
        buildPlugins: { vite: [onDemandScriptPlugin(here('./sw/on-demand.ts'), compressText)] },
        // Heavy chunks (RxDB, form schemas) stay in the precache: the app must work offline from the
        // first launch. The size budget is enforced by `npm run bench`, not by silently skipping files.
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  test: {
    root: here('.'),
    projects: [
      {
        // Unit tests reach modules that open the device database (its schemas come from the build).
        plugins: [rxSchemasPlugin()],
        test: { name: 'unit', root: here('.'), include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'integration',
          root: here('.'),
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/build-server.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          root: here('.'),
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/build-server.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
