// The components /_design documents, in order: the page renders a section for each, and the e2e test
// (tests/e2e/design-page.test.ts) checks that each is there.
export const COMPONENTS = [
  ['app-bar', 'App bar'],
  ['bottom-navigation', 'Bottom navigation'],
  ['card', 'Card'],
  ['status-chip', 'Status chip'],
  ['list-row', 'List row'],
  ['button', 'Button'],
  ['field', 'Field'],
  ['stepper', 'Stepper'],
  ['timeline', 'Timeline'],
  ['empty-state', 'Empty state'],
  ['toast', 'Toast'],
  ['icons', 'Icons'],
] as const;
export type ComponentId = (typeof COMPONENTS)[number][0];
