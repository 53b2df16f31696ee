// Photos an officer took at the counter go to the server before the record that names them (the same
// content-addressed, resumable uploads as a device's), and leave the counter's device once it holds them.
import type { AttachmentRef } from '../../domain/drafts/draft.ts';
import { uploadFailure } from './api.ts';

/** Uploads each photo; a failure is an OfficeApiError the screens translate. */
export async function uploadPhotos(refs: readonly AttachmentRef[]): Promise<void> {
  if (refs.length === 0) return;
  const { uploadFile } = await import('../../data/outbox/uploads.ts');
  for (const ref of refs) {
    await uploadFile(ref.sha256).catch((err: unknown) => {
      throw uploadFailure(err);
    });
  }
}

/** Nothing of the resident stays on the counter's device once the server holds it. */
export async function forgetPhotos(refs: readonly AttachmentRef[]): Promise<void> {
  if (refs.length === 0) return;
  const { filesDatabase } = await import('../../data/attachments/files-db.ts');
  await filesDatabase()
    .files.bulkDelete(refs.map((r) => r.sha256))
    .catch(() => undefined);
}
