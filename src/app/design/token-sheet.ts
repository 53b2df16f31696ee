// Reads the token sheet (tokens.css) into named tokens and their groups, so the /_design page shows
// every token the sheet defines, and a new one appears there without editing the page.

export type Token = { name: string; value: string; note: string };
export type TokenGroup = 'colour' | 'type' | 'space' | 'radius' | 'size';

export const TOKEN_GROUPS: { group: TokenGroup; title: string }[] = [
  { group: 'colour', title: 'Colour' },
  { group: 'type', title: 'Type' },
  { group: 'space', title: 'Space' },
  { group: 'radius', title: 'Radius' },
  { group: 'size', title: 'Target sizes' },
];

/** Every `--name: value; /* note *\/` declaration of the sheet, in order. */
export function readTokens(css: string): Token[] {
  const tokens: Token[] = [];
  for (const m of css.matchAll(/(--[\w-]+):\s*([^;]+);[ \t]*(?:\/\*\s*([\s\S]*?)\s*\*\/)?/g))
    tokens.push({ name: m[1] ?? '', value: (m[2] ?? '').trim(), note: m[3] ?? '' });
  return tokens;
}

export function groupOf(name: string): TokenGroup {
  if (/^--(font-|line-height-)/.test(name)) return 'type';
  if (name.startsWith('--space-')) return 'space';
  if (name.startsWith('--radius-')) return 'radius';
  if (/^--(target|chip-min-height|bottom-nav-height)/.test(name)) return 'size';
  return 'colour';
}
