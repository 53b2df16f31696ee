// The build refuses chunks that import each other: the app would fail at boot, found only in a browser.
import { describe, expect, it } from 'vitest';
import { chunkGraph, noChunkCycles } from '../../src/app/build/chunk-cycles-plugin.ts';

const chunk = (imports: string[], dynamicImports: string[] = []) => ({ type: 'chunk', imports, dynamicImports });

function generate(bundle: Record<string, unknown>) {
  const plugin = noChunkCycles();
  const hook = plugin.generateBundle as (this: unknown, options: unknown, bundle: unknown) => void;
  hook.call(
    {
      error: (message: string) => {
        throw new Error(message);
      },
    },
    {},
    bundle,
  );
}

describe('chunk cycles in the build', () => {
  it('fails the build naming the chunks that import each other', () => {
    expect(() =>
      generate({
        'index.js': chunk(['first-screens.js']),
        'first-screens.js': chunk(['device-data.js']),
        'device-data.js': chunk(['first-screens.js']),
        'style.css': { type: 'asset' },
      }),
    ).toThrow(/device-data\.js <-> first-screens\.js/);
  });

  it('lets a tree of static imports and a dynamic import back to the importer through', () => {
    const bundle = {
      'index.js': chunk(['first-screens.js'], ['device-data.js']),
      'first-screens.js': chunk([], ['device-data.js']),
      'device-data.js': chunk(['first-screens.js']),
    };
    expect(() => generate(bundle)).not.toThrow();
    expect(chunkGraph(bundle).get('index.js')).toEqual(['first-screens.js']);
  });
});
