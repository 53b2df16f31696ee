/** Bytes as lowercase hex: content addresses, secrets and ids are written this way everywhere. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}
