// Fetches each issued document of this device's applications once, with the application's secret
// (only its holder and the office may read it), checks its bytes against the SHA-256 the office's
// update named, and keeps it (documents-db.ts). Runs whenever the replicated updates change; a fetch
// that fails (no signal, a 5xx) is tried again on the next change or the next start.
import { liveQuery } from 'dexie';
import { Observable } from 'rxjs';
import type { IssuedDocument } from '../../domain/documents/document.ts';
import type { ApplicationUpdate } from '../../domain/submissions/submission.ts';
import { sha256Hex } from '../attachments/hash.ts';
import { isApplication, outboxDatabase } from '../outbox/outbox-db.ts';
import { documentsDatabase, type KeptDocument } from './documents-db.ts';

const inFlight = new Set<string>();

/** Fetches and keeps the documents of `updates` not on the device yet; returns how many were kept now. */
export async function keepDocuments(updates: readonly ApplicationUpdate[]): Promise<number> {
  const wanted = updates.flatMap((u) => (u.documents ?? []).map((d) => ({ applicationId: u.id, doc: d })));
  if (wanted.length === 0) return 0;
  const have = new Set(
    (await documentsDatabase().documents.bulkGet(wanted.map((w) => w.doc.code))).map((d) => d?.code),
  );
  let kept = 0;
  for (const { applicationId, doc } of wanted) {
    if (have.has(doc.code) || inFlight.has(doc.code)) continue;
    inFlight.add(doc.code);
    try {
      if (await fetchOne(applicationId, doc)) kept++;
    } catch {
      // No signal or a server fault: the next change (or start) tries again.
    } finally {
      inFlight.delete(doc.code);
    }
  }
  return kept;
}

async function fetchOne(applicationId: string, doc: IssuedDocument): Promise<boolean> {
  const entry = await outboxDatabase().entries.get(applicationId);
  // Only a resident's own sending holds the secret; a kiosk's or field tablet's sealed entries never do.
  if (!entry || !isApplication(entry)) return false;
  const res = await fetch(`/api/applications/${applicationId}/documents/${doc.code}`, {
    headers: { authorization: `Bearer ${entry.secret}` },
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(`document ${doc.code}: HTTP ${res.status}`);
  const blob = new Blob([await res.arrayBuffer()], { type: doc.type });
  // What the office issued, byte for byte, or nothing: a cut or altered transfer is fetched again.
  if ((await sha256Hex(blob)) !== doc.sha256) throw new Error(`document ${doc.code}: hash mismatch`);
  const kept: KeptDocument = {
    code: doc.code,
    applicationId,
    sha256: doc.sha256,
    type: doc.type,
    size: blob.size,
    blob,
    storedAt: Date.now(),
  };
  await documentsDatabase().documents.put(kept);
  return true;
}

/** The documents kept for one application, live. */
export const keptDocuments$ = (applicationId: string): Observable<KeptDocument[]> =>
  new Observable((subscriber) =>
    liveQuery(() => documentsDatabase().documents.where('applicationId').equals(applicationId).toArray()).subscribe(
      subscriber,
    ),
  );
