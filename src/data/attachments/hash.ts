// Content addresses: attachments are named by the SHA-256 of their bytes, so the same photo is stored
// and uploaded once, and the server can verify what it received.

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
