// Build of the PWA (root: src/app) and its service worker (sw/, injectManifest), and the test projects.
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { minimal2023Preset } from '@vite-pwa/assets-generator/config';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { districtCodesPlugin } from './src/app/build/district-codes-plugin.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const OFFICE_SOURCES = here('./src/app/office/');

export const THEME_COLOR = '#0b5d5e';
export const BACKGROUND_COLOR = '#f7f5ef';

export default defineConfig({
  root: here('./src/app'),
  publicDir: here('./public'),
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
          chunk.moduleIds.length > 0 && chunk.moduleIds.every((id) => id.startsWith(OFFICE_SOURCES))
            ? 'assets/backoffice-[name]-[hash].js'
            : 'assets/[name]-[hash].js',
      },
    },
  },
  plugins: [
    preact(),
    districtCodesPlugin(),
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
        globIgnores: ['**/assets/backoffice-*.js'],
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
      { test: { name: 'unit', root: here('.'), include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
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
