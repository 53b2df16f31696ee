// The issued documents a resident's device keeps (IndexedDB `nusalayan-documents`), as e2e tests check them,
// and one issued by an office through the real upload and move routes.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHUNK_CONTENT_TYPE, OFFSET_HEADER } from '../../src/domain/uploads.ts';
import { type Creds, caller } from './accounts.ts';

/** An issued document with fixed bytes, so that its SHA-256 on screen is the same every run. */
export const ISSUED_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    '% Surat pengantar (screenshots)\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

/**
 * The office (`staff`: an officer of the application's office or an administrator) uploads `pdf` and
 * moves the received application through verifying and processing to ready with it attached, as its
 * browser does. Answers the document's SHA-256.
 */
export async function issueDocument(
  app: FastifyInstance,
  staff: Creds,
  applicationId: string,
  pdf: Buffer = ISSUED_PDF,
): Promise<string> {
  const call = caller(app);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const url = `/api/uploads/${sha256}`;
  const declared = await call('PUT', url, {}, { type: 'application/pdf', size: pdf.length });
  expect(declared.statusCode, declared.body).toBe(200);
  const sent = await app.inject({
    method: 'PATCH',
    url,
    headers: { 'content-type': CHUNK_CONTENT_TYPE, [OFFSET_HEADER]: '0' },
    payload: pdf,
  });
  expect(sent.json()).toMatchObject({ complete: true });
  for (const body of [{ to: 'verifying' }, { to: 'processing' }, { to: 'ready', document: { sha256 } }]) {
    const moved = await call('POST', `/api/office/applications/${applicationId}/moves`, staff, body);
    expect(moved.statusCode, moved.body).toBe(200);
  }
  return sha256;
}

/** SHA-256 of the document kept on the device under `code` (its IndexedDB store), computed in the page. */
export const keptHash = (page: Page, code: string) =>
  page.evaluate(
    (key) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('nusalayan-documents');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('documents').objectStore('documents').get(key);
          get.onerror = () => reject(get.error);
          get.onsuccess = async () => {
            const bytes = await (get.result as { blob: Blob }).blob.arrayBuffer();
            open.result.close();
            resolve(
              [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))]
                .map((b) => b.toString(16).padStart(2, '0'))
                .join(''),
            );
          };
        };
      }),
    code,
  );
