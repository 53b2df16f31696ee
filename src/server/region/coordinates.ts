// Island coordinates: idn-area-data's degrees-minutes-seconds text turned into decimal degrees.

export interface LatLon {
  lat: number;
  lon: number;
}

// One axis, e.g. `07°01'08.65" S`. The release in use writes every row the same way; the accepted
// variants (other degree/prime glyphs, two apostrophes for seconds, decimal comma, missing fraction,
// spacing, lowercase hemisphere) are what a hand-edited row in a later release plausibly looks like.
const AXIS = String.raw`(\d{1,3})\s*[°º˚]\s*(\d{1,2})\s*['′’]\s*(\d{1,2}(?:[.,]\d+)?)\s*(?:["″”]|['′’]{2})\s*([NSEW])`;
const DMS = new RegExp(String.raw`^\s*${AXIS}\s*[,;]?\s*${AXIS}\s*$`, 'i');

const EXPECTED = `expected e.g. 07°01'08.65" S 115°32'45.36" E`;

/** `07°01'08.65" S 115°32'45.36" E` → `{ lat: -7.01907, lon: 115.54593 }` (5 decimals ≈ 1 m). */
export function parseDms(text: string): LatLon {
  const m = DMS.exec(text);
  if (!m) throw new Error(`Malformed coordinate "${text}": ${EXPECTED}`);
  const [, latD, latM, latS, latH, lonD, lonM, lonS, lonH] = m;
  const latHemisphere = latH?.toUpperCase();
  const lonHemisphere = lonH?.toUpperCase();
  if ((latHemisphere !== 'N' && latHemisphere !== 'S') || (lonHemisphere !== 'E' && lonHemisphere !== 'W')) {
    throw new Error(`Malformed coordinate "${text}": latitude (N/S) must come before longitude (E/W)`);
  }
  return {
    lat: axis(text, latD, latM, latS, latHemisphere === 'S', 90),
    lon: axis(text, lonD, lonM, lonS, lonHemisphere === 'W', 180),
  };
}

function axis(
  text: string,
  degrees: string | undefined,
  minutes: string | undefined,
  seconds: string | undefined,
  negative: boolean,
  limit: number,
): number {
  const d = Number(degrees);
  const m = Number(minutes);
  const s = Number(seconds?.replace(',', '.'));
  if (m >= 60 || s >= 60) throw new Error(`Malformed coordinate "${text}": minutes and seconds must be below 60`);
  const value = d + m / 60 + s / 3600;
  if (value > limit) throw new Error(`Malformed coordinate "${text}": ${value.toFixed(5)}° is beyond ±${limit}°`);
  // Rounded on the magnitude so both hemispheres round alike; `|| 0` keeps the equator from being -0.
  const rounded = Math.round(value * 1e5) / 1e5;
  return (negative ? -rounded : rounded) || 0;
}
