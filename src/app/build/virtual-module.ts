// Build-time only: a Vite plugin serving one generated module under a `virtual:` id. The id resolves
// to itself with Rollup's \0 prefix, so other plugins (and the file system) leave it alone.
import type { Plugin } from 'vite';

/** What a module's source may ask of the build while it is made (the Rollup plugin context). */
export type SourceContext = { addWatchFile(file: string): void };

export function virtualModule(pluginName: string, id: string, source: (this: SourceContext) => string): Plugin {
  const resolved = `\0${id}`;
  return {
    name: pluginName,
    resolveId(requested) {
      return requested === id ? resolved : null;
    },
    load(requested) {
      return requested === resolved ? source.call(this) : null;
    },
  };
}
