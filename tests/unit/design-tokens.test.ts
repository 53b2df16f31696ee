// The design tokens are the one place for colour, type, space, radius and target sizes: every other
// style sheet of the app uses them through var(--…). This reads the sheets (PostCSS parses them, so
// comments, strings and nesting cannot fool it) and fails on a raw value, an undefined token, or a
// colour pair of the palette below its WCAG AA minimum.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import postcss, { type AtRule, type Declaration, type Root } from 'postcss';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../src/app/design/contrast.ts';
import { COLOUR_USES, MINIMUM } from '../../src/app/design/palette.ts';
import { ROOT } from '../support/server.ts';

const APP = join(ROOT, 'src/app');
const TOKENS = join(APP, 'design/tokens.css');

/**
 * Raw values that are right where they are (selector, property, value, and why). Keep it short: a
 * value that is a design decision belongs in the token sheet.
 */
const EXCEPTIONS: { selector: string; prop: string; value: string; why: string }[] = [
  // The skip link waits off-screen until focused: a position, not a space between things.
  { selector: '.skip', prop: 'left', value: '-9999px', why: 'off-screen until focused' },
];

const COLOUR = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/i;
const NAMED_COLOUR =
  /\b(?:white|black|red|green|blue|gr[ae]y|yellow|orange|purple|pink|brown|navy|teal|silver|maroon|olive|lime|aqua|fuchsia)\b/i;
const LENGTH = /(?:^|[\s(,+*/-])-?\d*\.?\d+(?:px|rem|em|ex|ch|vw|vh|vmin|vmax|mm|cm|in|pt|pc|q)\b/i;
/** On paper: mm and pt (the paper's units) and em (the printed text's own size) are right. */
const PRINT_LENGTH = /(?:^|[\s(,+*/-])-?\d*\.?\d+(?:px|rem|ex|ch|vw|vh|vmin|vmax|cm|in|pc|q)\b/i;
const SPACING = /^(?:margin|padding|gap|row-gap|column-gap|top|right|bottom|left|inset)(?:-|$)/;
const TYPE = /^(?:font-size|font-weight|line-height|font-family)$/;
/** Keywords that are not design decisions. */
const KEYWORD = /^(?:0|auto|inherit|initial|unset|normal|none|currentcolor|transparent)$/i;

/** A declaration's value with every var(--…) reference removed: what is left is written raw. */
const withoutTokens = (value: string) => value.replace(/var\(--[\w-]+\)/g, '');

function inPrint(decl: Declaration): boolean {
  for (let node = decl.parent; node; node = node.parent as typeof node) {
    if (node.type === 'atrule') {
      const rule = node as AtRule;
      if (rule.name === 'page' || (rule.name === 'media' && /\bprint\b/.test(rule.params))) return true;
    }
  }
  return false;
}

const selectorOf = (decl: Declaration) =>
  decl.parent?.type === 'rule' ? (decl.parent as postcss.Rule).selector : `@${(decl.parent as AtRule).name}`;

/** Every raw design value in a sheet that is not the token sheet, as "selector { prop: value }". */
function rawValues(css: string): string[] {
  const found: string[] = [];
  postcss.parse(css).walkDecls((decl) => {
    const prop = decl.prop.toLowerCase();
    if (prop.startsWith('--')) {
      found.push(`${selectorOf(decl)} { ${decl.prop} } defines a token outside the token sheet`);
      return;
    }
    const value = decl.value.trim();
    if (EXCEPTIONS.some((e) => e.selector === selectorOf(decl) && e.prop === prop && e.value === value)) return;
    const raw = withoutTokens(value);
    const print = inPrint(decl);
    const report = (): void => {
      found.push(`${selectorOf(decl)} { ${prop}: ${value} }`);
    };
    // Colours: never raw, in any property (borders, shadows and print too).
    if (COLOUR.test(raw) || NAMED_COLOUR.test(raw)) return report();
    // Type: sizes, weights, line heights and families are tokens; a printed sheet measures in pt.
    if (TYPE.test(prop)) {
      if (KEYWORD.test(raw.trim()) || raw.trim() === '') return;
      if (print && prop === 'font-size' && /^\d*\.?\d+pt$/.test(raw.trim())) return;
      return report();
    }
    // Space and radius: every length is a token, but on paper.
    if (SPACING.test(prop) || prop === 'border-radius' || /^border-.*-radius$/.test(prop)) {
      if (/\d%/.test(raw) && prop.includes('radius')) return report();
      if ((print ? PRINT_LENGTH : LENGTH).test(raw)) return report();
      return;
    }
    // Target sizes: a minimum height or width in px is one of the target tokens (rem minimums are layout).
    if ((prop === 'min-height' || prop === 'min-width') && /\dpx\b/.test(raw)) return report();
  });
  return found;
}

function sheets(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sheets(p);
    return name.endsWith('.css') ? [p] : [];
  });
}

function tokenNames(root: Root): Set<string> {
  const names = new Set<string>();
  root.walkDecls((d) => {
    if (d.prop.startsWith('--')) names.add(d.prop);
  });
  return names;
}

const tokenSheet = postcss.parse(readFileSync(TOKENS, 'utf8'));
const tokenValue = (name: string) => {
  let value: string | undefined;
  tokenSheet.walkDecls(`--${name}`, (d) => {
    value = d.value;
  });
  if (value === undefined) throw new Error(`no token --${name}`);
  return value;
};

describe('design tokens', () => {
  const others = sheets(APP).filter((p) => p !== TOKENS);

  it('finds the app style sheets and styles.css imports the token sheet first', () => {
    expect(others.map((p) => relative(APP, p))).toContain('styles.css');
    const styles = postcss.parse(readFileSync(join(APP, 'styles.css'), 'utf8'));
    const first = styles.nodes.find((n) => n.type !== 'comment');
    expect(first?.type === 'atrule' && (first as AtRule).name === 'import' && (first as AtRule).params).toBe(
      '"./design/tokens.css"',
    );
  });

  it('catches raw colours, type, space, radii and targets (the check can fail)', () => {
    const css = `
      .a { color: #fff; background: rgb(0 0 0 / 0.5); border: 1px solid teal; }
      .b { font-size: 14px; font-weight: 700; line-height: 1.4; font-family: serif; }
      .c { margin: 0 var(--space-2) 1rem; gap: 0.5rem; padding-top: calc(var(--space-1) + 2px); }
      .d { border-radius: 8px; min-height: 48px; }
      .e { border-radius: 50%; --brand: red; }
      @media print { .f { margin: 3mm; font-size: 9pt; padding: 1rem; } }
      .g { color: var(--ink); margin: 0 calc(-1 * var(--space-4)); min-height: var(--target); left: 50%; }
    `;
    expect(rawValues(css)).toEqual([
      '.a { color: #fff }',
      '.a { background: rgb(0 0 0 / 0.5) }',
      '.a { border: 1px solid teal }',
      '.b { font-size: 14px }',
      '.b { font-weight: 700 }',
      '.b { line-height: 1.4 }',
      '.b { font-family: serif }',
      '.c { margin: 0 var(--space-2) 1rem }',
      '.c { gap: 0.5rem }',
      '.c { padding-top: calc(var(--space-1) + 2px) }',
      '.d { border-radius: 8px }',
      '.d { min-height: 48px }',
      '.e { border-radius: 50% }',
      '.e { --brand } defines a token outside the token sheet',
      '.f { padding: 1rem }',
    ]);
  });

  it('leaves no raw colour, type, space, radius or target size outside the token sheet', () => {
    const found = others.flatMap((p) => rawValues(readFileSync(p, 'utf8')).map((v) => `${relative(APP, p)}: ${v}`));
    expect(found).toEqual([]);
  });

  it('uses only tokens the sheet defines', () => {
    const defined = tokenNames(tokenSheet);
    const used = new Set(
      others.flatMap((p) => [...readFileSync(p, 'utf8').matchAll(/var\((--[\w-]+)/g)].map((m) => m[1] ?? '')),
    );
    expect([...used].filter((u) => !defined.has(u))).toEqual([]);
    // And the token sheet is only tokens, on :root.
    tokenSheet.walkDecls((d) => {
      expect(d.prop.startsWith('--'), d.prop).toBe(true);
      expect((d.parent as postcss.Rule).selector).toBe(':root');
    });
  });

  it('keeps every colour pair of the palette at WCAG AA', () => {
    const low = COLOUR_USES.map((u) => ({
      ...u,
      ratio: Math.floor(contrastRatio(tokenValue(u.token), tokenValue(u.on)) * 100) / 100,
    })).filter((u) => u.ratio < MINIMUM[u.kind]);
    expect(low).toEqual([]);
  });

  it('reads contrast as WCAG does', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(() => contrastRatio('teal', '#fff')).toThrow(/not a hex colour/);
  });
});
