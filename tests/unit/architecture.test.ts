// The folder layout is the architecture: these rules keep dependencies pointing one way
// (app -> data -> domain, sw -> data and domain, server -> domain; domain imports nothing of the
// project), keep the import graph free of cycles, and keep user-visible attributes going through the
// i18n dictionaries (text between tags is Biome's noJsxLiterals rule, in `npm run lint`).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import id from '../../src/app/i18n/messages/core/id.json';
import feedbackId from '../../src/app/i18n/messages/feedback/id.json';
import fieldId from '../../src/app/i18n/messages/field/id.json';
import kioskId from '../../src/app/i18n/messages/kiosk/id.json';
import stepsId from '../../src/app/i18n/messages/steps/id.json';
import storyId from '../../src/app/i18n/messages/story/id.json';
import formsId from '../../src/app/office/i18n/messages/forms/id.json';
import officeId from '../../src/app/office/i18n/messages/office/id.json';

/** Every message key (the first-paint dictionary and each area's): text equal to a key is a key, not a literal. */
const ALL_KEYS = new Set(
  [id, officeId, formsId, kioskId, fieldId, feedbackId, storyId, stepsId].flatMap((d) => Object.keys(d)),
);

import { importCycles } from '../../src/app/build/import-cycles.ts';
import { ROOT } from '../support/server.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

/** The project folder (relative to the root) each relative import of a file points into. */
function importedLayers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((s) => layerOf(resolve(dirname(file), s)));
}

/** The project files each file imports (static, type-only and dynamic imports alike). */
function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map(
      (m) => m[1]!,
    );
    graph.set(
      f,
      specs.map((spec) => resolve(dirname(f), spec)).filter((p) => existsSync(p) && statSync(p).isFile()),
    );
  }
  return graph;
}

function layerOf(path: string): string {
  const rel = relative(ROOT, path).replaceAll('\\', '/');
  const m = /^(src\/[a-z]+|sw|tests|public)\b/.exec(rel);
  return m?.[1] ?? rel;
}

const ALLOWED: Record<string, string[]> = {
  'src/domain': ['src/domain'],
  'src/data': ['src/data', 'src/domain'],
  'src/app': ['src/app', 'src/data', 'src/domain'],
  'src/server': ['src/server', 'src/domain'],
  sw: ['sw', 'src/domain', 'src/data'],
};

describe('architecture', () => {
  for (const [layer, allowed] of Object.entries(ALLOWED)) {
    it(`${layer} imports only from ${allowed.join(', ')}`, () => {
      let dir: string;
      try {
        dir = join(ROOT, layer);
        statSync(dir);
      } catch {
        return; // a layer not created yet has nothing to check
      }
      const offences = sourceFiles(dir).flatMap((f) =>
        importedLayers(f)
          .filter((l) => !allowed.includes(l) && !l.endsWith('package.json'))
          .map((l) => `${relative(ROOT, f)} -> ${l}`),
      );
      expect(offences).toEqual([]);
    });
  }

  it('has no import cycle in src/ and sw/', () => {
    const files = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'sw'))];
    const cycles = importCycles(importGraph(files)).map((c) => c.map((f) => relative(ROOT, f)).join(' <-> '));
    expect(cycles).toEqual([]);
  });

  it('the cycle check finds a cycle through several files and a file importing itself, and nothing in a tree', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
      ['f', ['d']],
    ]);
    expect(importCycles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(
      importCycles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('puts no literal text in user-visible attributes: every string comes from the dictionaries', () => {
    const offences = sourceFiles(join(ROOT, 'src/app'))
      .filter((f) => f.endsWith('.tsx'))
      .flatMap((f) => literalAttributes(f).map((s) => `${relative(ROOT, f)}: "${s}"`));
    expect(offences).toEqual([]);
  });

  it('the attribute check finds text in user-visible attributes only, and lets dictionary keys pass', () => {
    const found = literalAttributes(
      'x.tsx',
      `<p title="Judul" class="a">{name}<img alt="Foto" src="/a.png" /><X label="${Object.keys(id)[0]}" /></p>`,
    );
    expect(found).toEqual(['Judul', 'Foto']);
  });
});

/** Attribute text a user would see (or hear) that is written into JSX instead of coming from the dictionaries. */
function literalAttributes(file: string, source = readFileSync(file, 'utf8')): string[] {
  const VISIBLE_ATTRIBUTES = new Set([
    'title',
    'alt',
    'placeholder',
    'aria-label',
    'aria-description',
    'label',
    'value',
  ]);
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const name = node.name.getText(sf);
      const text = node.initializer.text;
      // A dictionary key handed to a component is fine: the component translates it.
      if (VISIBLE_ATTRIBUTES.has(name) && /[A-Za-z]/.test(text) && !ALL_KEYS.has(text)) found.push(text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
