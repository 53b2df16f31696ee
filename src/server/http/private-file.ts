// A document photo or PDF handed to the office, whatever the device sent inside it: typed as stored
// (its first bytes were checked against that type), never sniffed into another, never cached by the
// browser or anything between, and sandboxed — a file opened on its own gets no script, no forms,
// no plugins and no origin of ours (a PDF with OpenAction JavaScript runs nothing). A photo is shown
// inline (an <img> ignores the sandbox); a PDF is downloaded, never rendered on our origin.
import type { FastifyReply } from 'fastify';

export const FILE_CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'; img-src 'self'";

export function sendPrivateFile(
  reply: FastifyReply,
  file: { type: string; data: Buffer; sha256: string },
  /** The download's name, before its hash prefix: ASCII letters and digits only (a field key). */
  name = 'dokumen',
): FastifyReply {
  const extension = file.type === 'application/pdf' ? 'pdf' : 'bin';
  const disposition =
    file.type === 'image/jpeg' ? 'inline' : `attachment; filename="${name}-${file.sha256.slice(0, 8)}.${extension}"`;
  return reply
    .header('Cache-Control', 'private, no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', FILE_CONTENT_SECURITY_POLICY)
    .header('Content-Disposition', disposition)
    .type(file.type)
    .send(file.data);
}
