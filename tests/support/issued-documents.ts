// The issued documents a resident's device keeps (IndexedDB `nusalayan-documents`), as e2e tests check them.
import type { Page } from 'playwright-core';

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
