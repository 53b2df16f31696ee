// Recognises "the device is full" however IndexedDB, Dexie or RxDB wrap it, so the UI can say so
// plainly instead of showing a generic failure. Dexie keeps the browser's error in `inner` (often
// under an AbortError of the transaction); RxDB in `parameters.error`; others in `cause`.
export function isQuotaError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const x = e as {
      name?: unknown;
      code?: unknown;
      inner?: unknown;
      cause?: unknown;
      parameters?: { error?: unknown };
    };
    // 22: the legacy DOMException code; NS_ERROR_DOM_QUOTA_REACHED: older Firefox.
    if (x.name === 'QuotaExceededError' || x.name === 'NS_ERROR_DOM_QUOTA_REACHED' || x.code === 22) return true;
    const next = x.inner ?? x.cause ?? x.parameters?.error;
    if (next === e) break;
    e = next;
  }
  return false;
}
