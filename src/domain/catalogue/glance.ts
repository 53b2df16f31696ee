// What a resident reads off the catalogue at a glance — a service's channels, whether it is free,
// whether a step needs a visit, whether an announcement is in force — as plain functions free of zod:
// the catalogue list and the service page import them on their critical path, and the schemas
// (service.ts, announcement.ts) build on them.

/** The parallel model's four doors: a phone, a village kiosk, a field officer, the office counter. */
export const CHANNELS = ['online', 'kiosk', 'field', 'counter'] as const;
export type Channel = (typeof CHANNELS)[number];

export const isChannel = (value: unknown): value is Channel => (CHANNELS as readonly unknown[]).includes(value);

export const isFree = (s: { cost: { amount: number } }): boolean => s.cost.amount === 0;

export const needsVisit = (s: { procedure: ReadonlyArray<{ inPerson: boolean }> }): boolean =>
  s.procedure.some((p) => p.inPerson);

export function isActive(a: { validFrom: string; validUntil?: string | undefined }, now: Date): boolean {
  const t = now.getTime();
  return Date.parse(a.validFrom) <= t && (a.validUntil === undefined || t < Date.parse(a.validUntil));
}
