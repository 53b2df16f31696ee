// The residents of this trip and their applications, kept in `nusalayan-field` only as AES-GCM
// ciphertext under the officer's data key (vault.ts): a lost tablet shows no name, NIK or village.
// Readable only while the app is unlocked (officer.ts holds the key in memory).
import { liveQuery } from 'dexie';
import { Observable } from 'rxjs';
import type { Service } from '../../domain/catalogue/service.ts';
import { createDraft, saveAnswer } from '../drafts/drafts.ts';
import { FieldLockedError } from './at-rest.ts';
import { fieldDatabase } from './field-db.ts';
import { unlocked } from './officer.ts';
import { seal, unseal } from './vault.ts';

export type ResidentApplication = { draftId: string; serviceId: string; createdAt: number };
export type ResidentData = { name: string; nik: string; village: string; applications: ResidentApplication[] };
export type Resident = ResidentData & { id: string; createdAt: number };

function key(): CryptoKey {
  const me = unlocked();
  if (!me) throw new FieldLockedError();
  return me.key;
}

export async function listResidents(): Promise<Resident[]> {
  const k = key();
  const rows = await fieldDatabase().residents.orderBy('createdAt').toArray();
  return Promise.all(
    rows.map(async (r) => ({ ...(await unseal<ResidentData>(k, r.sealed)), id: r.id, createdAt: r.createdAt })),
  );
}

export const residents$ = (): Observable<Resident[]> =>
  new Observable((subscriber) => liveQuery(() => listResidents()).subscribe(subscriber));

export async function addResident(input: Pick<ResidentData, 'name' | 'nik' | 'village'>): Promise<string> {
  const k = key();
  const id = crypto.randomUUID();
  const data: ResidentData = {
    name: input.name.trim(),
    nik: input.nik.trim(),
    village: input.village.trim(),
    applications: [],
  };
  await fieldDatabase().residents.add({ id, sealed: await seal(k, data), createdAt: Date.now() });
  return id;
}

async function updateResident(id: string, change: (d: ResidentData) => ResidentData): Promise<void> {
  const k = key();
  const db = fieldDatabase();
  const row = await db.residents.get(id);
  if (!row) throw new Error('resident not found');
  const next = change(await unseal<ResidentData>(k, row.sealed));
  await db.residents.put({ ...row, sealed: await seal(k, next) });
}

/** Starts an application for the resident: a draft for them (their NIK and name filled in where the form asks). */
export async function startApplication(resident: Resident, service: Service): Promise<string> {
  key();
  const draftId = await createDraft({
    serviceId: service.id,
    formVersion: service.form.version,
    applicant: { kind: 'resident', name: resident.name },
  });
  await fieldDatabase().drafts.put({ draftId, createdAt: Date.now() });
  const keys = new Set(service.form.fields.map((f) => f.key));
  if (keys.has('nik')) await saveAnswer(draftId, 'nik', resident.nik);
  if (keys.has('fullName')) await saveAnswer(draftId, 'fullName', resident.name);
  await updateResident(resident.id, (d) => ({
    ...d,
    applications: [...d.applications, { draftId, serviceId: service.id, createdAt: Date.now() }],
  }));
  return draftId;
}

/** Masks a NIK for lists: the first four and last four digits. */
export const maskNik = (nik: string): string =>
  nik.length > 8 ? `${nik.slice(0, 4)}${'•'.repeat(nik.length - 8)}${nik.slice(-4)}` : nik;
