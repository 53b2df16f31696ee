// Which colour token is used on which background, and what contrast that use needs (WCAG 2.2 AA):
// 4.5:1 for text, 3:1 for a control's edge or a mark that carries meaning. The /_design page shows
// each pair's ratio; tests/unit/design-tokens.test.ts fails if a pair falls below its minimum.

export type ColourUse = {
  /** A colour token (without the leading dashes) drawn on `on`. */
  token: string;
  on: string;
  kind: 'text' | 'non-text';
  where: string;
};

export const MINIMUM: Record<ColourUse['kind'], number> = { text: 4.5, 'non-text': 3 };

export const COLOUR_USES: ColourUse[] = [
  { token: 'ink', on: 'sand', kind: 'text', where: 'body text on the page' },
  { token: 'ink', on: 'surface', kind: 'text', where: 'text in cards, fields and panels' },
  { token: 'muted', on: 'sand', kind: 'text', where: 'secondary text on the page' },
  { token: 'muted', on: 'surface', kind: 'text', where: 'secondary text in cards' },
  { token: 'teal-dark', on: 'sand', kind: 'text', where: 'links on the page' },
  { token: 'teal-dark', on: 'surface', kind: 'text', where: 'card titles, secondary buttons' },
  { token: 'teal', on: 'surface', kind: 'non-text', where: 'edge of a secondary button' },
  { token: 'on-brand', on: 'teal', kind: 'text', where: 'app bar, primary button, kiosk bar' },
  { token: 'on-brand', on: 'teal-dark', kind: 'text', where: 'table heads' },
  { token: 'on-brand', on: 'ink', kind: 'text', where: 'toast' },
  { token: 'on-brand', on: 'warn', kind: 'text', where: 'danger button, overdue badge' },
  { token: 'on-brand', on: 'ok', kind: 'non-text', where: 'the "received" delivery mark' },
  { token: 'focus', on: 'teal', kind: 'non-text', where: 'focus ring in the app bar' },
  { token: 'field-line', on: 'surface', kind: 'non-text', where: 'edge of a text field or select' },
  { token: 'field-line', on: 'sand', kind: 'non-text', where: 'edge of a field against the page' },
  { token: 'ok', on: 'sand', kind: 'text', where: '"done" and "online" words' },
  { token: 'ok', on: 'surface', kind: 'text', where: '"done" words in cards' },
  { token: 'ok-ink', on: 'ok-surface', kind: 'text', where: 'category chips' },
  { token: 'ok-ink', on: 'ok-surface-strong', kind: 'text', where: '"open" badge' },
  { token: 'ink', on: 'ok-surface', kind: 'text', where: 'saved-catalogue notice' },
  { token: 'warn', on: 'sand', kind: 'text', where: 'errors on the page' },
  { token: 'warn', on: 'surface', kind: 'text', where: 'errors in cards and fields' },
  { token: 'warn', on: 'warn-surface', kind: 'text', where: 'offline pill, "closed" badge, error panel' },
  { token: 'ink', on: 'warn-surface-subtle', kind: 'text', where: 'overdue rows, closure announcements' },
  { token: 'caution-ink', on: 'sand', kind: 'text', where: '"waiting" and "incomplete" words' },
  { token: 'caution-ink', on: 'surface', kind: 'text', where: '"waiting" words in cards' },
  { token: 'caution-ink', on: 'caution-surface-strong', kind: 'text', where: '"visit" badge' },
  { token: 'ink', on: 'caution-surface', kind: 'text', where: 'update banner, stale-catalogue notice' },
  { token: 'ink', on: 'caution-surface-subtle', kind: 'text', where: 'changed-hours announcements' },
  { token: 'ink', on: 'teal-tint', kind: 'text', where: 'hovered kiosk tile, table totals' },
  { token: 'teal-dark', on: 'teal-tint', kind: 'text', where: 'hovered kiosk tile title' },
];
