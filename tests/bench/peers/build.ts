// Bundles one static page per peer into tests/bench/peers/dist/<peer>/ with the project's esbuild:
// index.html (the form inlined) and its scripts, minified, split where the package splits itself.
// The peers' packages come from this folder's own node_modules (`npm ci --prefix tests/bench/peers`),
// never from the project's dependencies.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

export const PEERS_DIR = import.meta.dirname;
export const PEERS_DIST = join(PEERS_DIR, 'dist');

const FORMS = join(PEERS_DIR, 'forms');

const page = (title: string, body: string) => `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<script type="module" src="./main.js"></script>
</head>
<body>
${body}
</body>
</html>
`;

/** Inside <script type="text/xml">: only "</script" could end it early. */
function asScriptText(xml: string): string {
  if (/<\/script/i.test(xml)) throw new Error('form XML holds </script');
  return xml;
}

async function bundle(peer: string, entry: string, html: string): Promise<void> {
  const out = join(PEERS_DIST, peer);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await build({
    entryPoints: { main: join(PEERS_DIR, 'src', entry) },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
    loader: { '.png': 'dataurl', '.svg': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl' },
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  });
  // A stylesheet the bundle imported (Enketo's widgets import none; kept general).
  const css = existsSync(join(out, 'main.css')) ? '<link rel="stylesheet" href="./main.css">\n' : '';
  await writeFile(join(out, 'index.html'), page(peer, html).replace('</head>', `${css}</head>`));
}

/** Builds both pages; throws when a peer's package is missing (run `npm ci --prefix tests/bench/peers`). */
export async function buildPeers(): Promise<void> {
  const xform = await readFile(join(FORMS, 'akta-kelahiran-4.xml'), 'utf8');
  const enketoForm = await readFile(join(FORMS, 'akta-kelahiran-4.enketo.html'), 'utf8');
  const enketoModel = await readFile(join(FORMS, 'akta-kelahiran-4.enketo-model.xml'), 'utf8');
  await bundle(
    'enketo',
    'enketo.js',
    `<div class="peer-form" hidden>\n${enketoForm}</div>\n<script type="text/xml" id="enketo-model">${asScriptText(enketoModel.trim())}</script>`,
  );
  await bundle(
    'odk',
    'odk.js',
    `<div id="app"></div>\n<script type="text/xml" id="xform">${asScriptText(xform.replace(/^<\?xml[^>]*>\s*/, ''))}</script>`,
  );
}
