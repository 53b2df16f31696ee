// Build-time only (imported by vite.config.ts, never by the app): the Vite plugin serving
// `virtual:rx-schemas`, every device collection's RxDB JSON schema computed from the domain's zod
// schemas (src/data/collection-schemas.ts) while the app is built, so devices do not compute them on
// every start. The page and the catalogue worker both open the database: both builds need it.
import type { Plugin } from 'vite';
import { collectionJsonSchemas } from '../../data/collection-schemas.ts';

export const RX_SCHEMAS_MODULE = 'virtual:rx-schemas';
// The \0 prefix is Rollup's convention: other plugins (and the file system) leave the id alone.
const RESOLVED_ID = `\0${RX_SCHEMAS_MODULE}`;

export function rxSchemasPlugin(): Plugin {
  return {
    name: 'nusa-layan:rx-schemas',
    resolveId(id) {
      return id === RX_SCHEMAS_MODULE ? RESOLVED_ID : null;
    },
    load(id) {
      if (id !== RESOLVED_ID) return null;
      return `export const RX_SCHEMAS = ${JSON.stringify(collectionJsonSchemas())};\n`;
    },
  };
}
