// Build-time only (imported by vite.config.ts): fails the build when output chunks import each other
// statically. The chunk groups in vite.config.ts place modules by path; a light module the first
// screens need but the groups put elsewhere makes two chunks import each other, and the app then fails
// at boot in the browser: only end-to-end tests would notice. The build says so at once, naming them.
import type { Plugin } from 'vite';
import { importCycles } from './import-cycles.ts';

/** The static imports between the chunks of a bundle (dynamic imports load later and cannot deadlock boot). */
export function chunkGraph(bundle: Record<string, { type: string; imports?: readonly string[] }>) {
  const graph = new Map<string, string[]>();
  for (const [file, output] of Object.entries(bundle))
    if (output.type === 'chunk') graph.set(file, [...(output.imports ?? [])]);
  return graph;
}

export function noChunkCycles(): Plugin {
  return {
    name: 'nusa-layan:no-chunk-cycles',
    apply: 'build',
    generateBundle(_options, bundle) {
      const cycles = importCycles(chunkGraph(bundle));
      if (cycles.length > 0)
        this.error(
          `chunks import each other (move the shared modules into one group in vite.config.ts): ${cycles
            .map((c) => c.join(' <-> '))
            .join('; ')}`,
        );
    },
  };
}
