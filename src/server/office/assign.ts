// Which office handles a new application: the one the record names (a counter officer's own office,
// a kiosk's village office) when it serves the service; else the serving office nearest the
// applicant's own address (same village, then same district); else the service's first office.
import type { Queryable } from '../storage/db.ts';

export type OfficeAssignable = { serviceId: string; officeId?: string | undefined; answers: Record<string, unknown> };

/**
 * The answer key of the applicant's own address in the seed forms. Other address fields (e.g.
 * `destinationAddress` of pindah-datang) say where someone goes, not where they live: not used.
 */
const OWN_ADDRESS_KEY = 'address';
const DISTRICT = /^\d{2}\.\d{2}\.\d{2}$/;

/** The office for a new application, or null when the service is unknown (the caller has checked it). */
export async function assignOffice(q: Queryable, record: OfficeAssignable): Promise<string | null> {
  const [service] = await q.query<{ office_ids: string[] | null }>(
    `select doc->'officeIds' as office_ids from catalogue_docs where collection = 'services' and id = $1 and not deleted`,
    [record.serviceId],
  );
  const serving = service?.office_ids ?? [];
  if (serving.length === 0) return null;
  if (record.officeId && serving.includes(record.officeId)) return record.officeId;

  const address = ownAddress(record.answers);
  if (address) {
    const offices = await q.query<{ id: string; district: string | null; village: string | null }>(
      `select id, doc->>'districtCode' as district, doc->>'villageCode' as village
         from catalogue_docs where collection = 'offices' and not deleted and id = any($1::text[])`,
      [serving],
    );
    // In the service's order, so ties go to the office the standard lists first.
    const byId = new Map(offices.map((o) => [o.id, o]));
    const inOrder = serving.map((id) => byId.get(id)).filter((o) => o !== undefined);
    const match =
      inOrder.find((o) => o.village !== null && o.village === address.villageCode) ??
      inOrder.find((o) => o.district === address.districtCode);
    if (match) return match.id;
  }
  return serving[0]!;
}

/** The applicant's address when it is there and well formed (the form's rules have checked it). */
function ownAddress(answers: Record<string, unknown>): { districtCode: string; villageCode: string } | null {
  const value = Object.hasOwn(answers, OWN_ADDRESS_KEY) ? answers[OWN_ADDRESS_KEY] : undefined;
  if (typeof value !== 'object' || value === null) return null;
  const { districtCode, villageCode } = value as Record<string, unknown>;
  if (typeof districtCode !== 'string' || !DISTRICT.test(districtCode)) return null;
  return { districtCode, villageCode: typeof villageCode === 'string' ? villageCode : '' };
}
