// Timestamps leave the storage layer as ISO 8601 strings in UTC, whichever driver read them: the API
// speaks ISO strings, and one shape spares every query a `Date | string` and a helper to convert it.

/** PostgreSQL's text form of a timestamp ('2026-11-25 10:00:00.123456+07', or without an offset) as ISO 8601 UTC. */
export function timestampToIso(text: string): string {
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d+)?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?$/.exec(text);
  // 'infinity', years past 9999 or BC: not times this server stores; keep PostgreSQL's words.
  if (!m) return text;
  const [, date, time, fraction = '', sign, hours, minutes = '00', seconds] = m;
  const millis = `${fraction.slice(1)}000`.slice(0, 3);
  let ms = Date.parse(`${date}T${time}.${millis}Z`);
  if (sign) {
    const offset = (Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds ?? 0)) * 1000;
    ms += sign === '+' ? -offset : offset;
  }
  return new Date(ms).toISOString();
}

/** Type ids whose text the adapters turn into ISO strings (timestamptz, timestamp) or keep as text (date). */
export const PG_TIMESTAMPTZ = 1184;
export const PG_TIMESTAMP = 1114;
export const PG_DATE = 1082;
