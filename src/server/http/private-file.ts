// A document photo or PDF handed to the office: shown inline, typed as stored, never cached by the
// browser or anything between, never sniffed into another type.
import type { FastifyReply } from 'fastify';

export function sendPrivateFile(reply: FastifyReply, file: { type: string; data: Buffer }): FastifyReply {
  return reply
    .header('Cache-Control', 'private, no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Disposition', 'inline')
    .type(file.type)
    .send(file.data);
}
