// Build-time only (imported by vite.config.ts, never by the app): the Vite plugin serving
// `virtual:rx-schemas`, every device collection's RxDB JSON schema computed from the domain's zod
// schemas (src/data/collection-schemas.ts) while the app is built, so devices do not compute them on
// every start. The page and the catalogue worker both open the database: both builds need it.
import type { Plugin } from 'vite';
import { collectionJsonSchemas } from '../../data/collection-schemas.ts';
import { virtualModule } from './virtual-module.ts';

export const RX_SCHEMAS_MODULE = 'virtual:rx-schemas';

export function rxSchemasPlugin(): Plugin {
  return virtualModule(
    'nusa-layan:rx-schemas',
    RX_SCHEMAS_MODULE,
    () => `export const RX_SCHEMAS = ${JSON.stringify(collectionJsonSchemas())};\n`,
  );
}
