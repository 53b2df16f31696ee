// Types for http_ece (RFC 8188 Encrypted Content-Encoding, the library web-push encrypts with): the
// local push service of the tests decrypts with it, as a browser's push stack would.
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';
  export function decrypt(
    buffer: Buffer,
    params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: string | Buffer },
  ): Buffer;
}
