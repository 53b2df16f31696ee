// Moves one area's TypeScript dictionary pair to the translator's JSON files (see README, "Bahasa
// Madura"): `npx tsx scripts/i18n-from-ts.ts <id.ts> <en.ts> <folder> "<where the texts appear>"`
// writes <folder>/id.json, en.json (in id.json's key order, so the files line up side by side) and
// context.json (a description per key for translators, to refine by hand). It refuses a pair whose
// keys differ. Madurese (mad.json) is written by translators, not by this script.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Dictionary = Record<string, string>;

/** Where a key's group of texts appears, by the key's first one or two segments (the longer wins). */
const GROUPS: Record<string, string> = {
  announcement: 'Service page and home: an office announcement (closure, restriction, changed hours)',
  app: 'The app itself (browser tab, app bar)',
  application: 'My applications: an application the office sent back for correction',
  attachment: 'Application form: a document photo or PDF the resident attaches',
  catalogue: 'Service catalogue (/layanan): the searchable list of services',
  channel: 'Service page and catalogue filter: a way to apply (channel)',
  conn: 'App bar: the connection state',
  contact: 'Service and office pages: a contact of an office',
  cost: 'Service page: the cost of a service',
  cover: 'Printable cover page of a finished electronic document',
  drafts: 'My applications (/permohonan): drafts and sent applications on this device',
  error: 'Error message under a form field or after sending',
  'error.collectedBy': 'Field officer screens: an error about who collected an application',
  form: 'Application form: filling in the answers and documents',
  home: 'Home screen (/)',
  hours: 'Office page: opening hours',
  internal: 'Service page: the internal part of the service standard (for officers and the notice board)',
  lang: 'Language menu in the app bar',
  nav: 'Navigation (bottom bar on phones)',
  notFound: 'Page not found',
  office: 'Office page (/kantor/…): one service office',
  officeType: 'Office page and catalogue: the kind of office',
  outbox: 'My applications and receipts: delivery of a sent application (the outbox)',
  procedure: 'Service page: the steps of a service',
  push: 'Receipt and my applications: notifications on this device',
  requirement: 'Service page and form: a required document',
  review: 'Check-and-send screen of an application',
  section: 'Screens for officers and kiosks not available here',
  service: 'Service page (/layanan/…): one service and its standard',
  skip: 'Keyboard users: the link to skip to the content',
  status: 'An application’s status at the office',
  storage: 'Device storage messages',
  survey: 'Satisfaction survey (SKM) for a finished application',
  toast: 'Message shown briefly at the bottom of the screen',
  track: 'Track an application (/lacak) by its tracking number',
  update: 'Banner: a new version of the app is available',
  withdraw: 'Receipt: withdrawing a sent application',
  kiosk: 'Village kiosk (/kios): a shared tablet at the village office, for residents',
  'kiosk.enrol': 'Village kiosk: enrolling the tablet (village-office staff)',
  'kiosk.staff': 'Village kiosk: the staff panel behind a PIN',
  complaint: 'Complaint (/pengaduan): filing a complaint and following it',
  'complaint.respond': 'Complaint: the resident answers the office or follows up',
  story: 'After sending: the receipt, the documents and the timeline of an application',
  verify: 'Verification page (/verifikasi/…): checks a document’s QR code',
  lapangan: 'Field officer screens (/lapangan), used by officers visiting residents',
  admin: 'Back office, administrator screens (/petugas/…)',
  forms: 'Back office: the form editor of a service',
};

const PLACEHOLDERS: Record<string, string> = {
  n: 'a count',
  service: 'a service’s name',
  office: 'an office’s name',
  number: 'a tracking number',
  date: 'a date',
  time: 'a time of day',
  days: 'a number of days',
  name: 'a name',
  code: 'a code',
};

export function describe(key: string, area: string, text: string): string {
  const [first = '', second = ''] = key.split('.');
  // The back office's keys share first segments (office.…) with resident screens: name the part instead.
  const groups: Record<string, string> = area.startsWith('Back office') ? {} : GROUPS;
  const part = second.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const where = groups[`${first}.${second}`] ?? groups[first] ?? (part ? `${area}, ${part}` : area);
  const names = [...new Set([...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]!))];
  const notes = names.map((p) => `{${p}} is ${PLACEHOLDERS[p] ?? 'filled in by the app'}`);
  if (/, plural,/.test(text)) notes.push('keep the plural form; Indonesian and Madurese need only "other"');
  return notes.length ? `${where}. Keep ${notes.join('; ')}.` : `${where}.`;
}

/** The one exported object of a dictionary module. */
async function dictionary(file: string): Promise<Dictionary> {
  const mod: Record<string, unknown> = await import(pathToFileURL(resolve(file)).href);
  const objects = Object.values(mod).filter((v): v is Dictionary => typeof v === 'object' && v !== null);
  if (objects.length !== 1) throw new Error(`${file}: expected one exported dictionary, found ${objects.length}`);
  return objects[0]!;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

async function main([idFile, enFile, folder, area]: string[]): Promise<void> {
  if (!idFile || !enFile || !folder || !area) {
    throw new Error('usage: tsx scripts/i18n-from-ts.ts <id.ts> <en.ts> <folder> "<where the texts appear>"');
  }
  const [id, en] = await Promise.all([dictionary(idFile), dictionary(enFile)]);
  const missing = Object.keys(id).filter((k) => !(k in en));
  const extra = Object.keys(en).filter((k) => !(k in id));
  if (missing.length || extra.length) throw new Error(`keys differ: missing in en ${missing}; extra in en ${extra}`);
  await mkdir(folder, { recursive: true });
  const keys = Object.keys(id);
  const context = existsSync(`${folder}/context.json`)
    ? (JSON.parse(await readFile(`${folder}/context.json`, 'utf8')) as Dictionary)
    : {};
  await writeFile(`${folder}/id.json`, json(id));
  await writeFile(`${folder}/en.json`, json(Object.fromEntries(keys.map((k) => [k, en[k]]))));
  await writeFile(
    `${folder}/context.json`,
    json(Object.fromEntries(keys.map((k) => [k, context[k] ?? describe(k, area, id[k]!)]))),
  );
}

await main(process.argv.slice(2));
