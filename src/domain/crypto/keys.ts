// The P-256 keys of the project: a field device's ECDSA signing key (its export files and signed
// records) and the server's long-term ECDH key (export files and sealed boxes are encrypted to it),
// their JWK form and RFC 7638 ids, and the content key both sides derive. Pure WebCrypto: runs in
// the page, the service worker and Node 20.
import { z } from 'zod';
import { Base64Url, toBase64Url } from './bytes.ts';

/** ECDSA P-256 / SHA-256, signatures as IEEE P1363 r‖s (64 bytes). */
export const SIGNATURE_ALG = { name: 'ECDSA', hash: 'SHA-256' } as const;
const EC_CURVE = 'P-256';
const utf8 = new TextEncoder();

/** A P-256 public key as a JWK (only the members that define the key). */
export const EcPublicJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal(EC_CURVE),
  x: Base64Url.length(43),
  y: Base64Url.length(43),
});
export type EcPublicJwk = z.infer<typeof EcPublicJwk>;

/** A key's id: its RFC 7638 thumbprint (SHA-256, base64url, 43 characters). */
export const KeyId = Base64Url.length(43);

/** The RFC 7638 thumbprint of a P-256 public key: its id (KeyId) in files, boxes and on the server. */
export async function jwkThumbprint(jwk: EcPublicJwk): Promise<string> {
  const canonical = `{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}","y":"${jwk.y}"}`;
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(canonical))));
}

/** Only the members that define the key (WebCrypto adds key_ops and ext). */
export function publicJwkOf(jwk: JsonWebKey): EcPublicJwk {
  return EcPublicJwk.parse({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
}

export async function exportPublicJwk(key: CryptoKey): Promise<EcPublicJwk> {
  return publicJwkOf(await crypto.subtle.exportKey('jwk', key));
}

/** The device's signing key pair: the private key cannot be exported (not even by our own code). */
export function generateSigningKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: EC_CURVE }, false, ['sign', 'verify']);
}

/**
 * An ECDH key pair, extractable: the server's long-term encryption key (the server stores it), or one
 * message's ephemeral key (its public half travels in the message's header).
 */
export function generateEcdhKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDH', namedCurve: EC_CURVE }, true, ['deriveBits']);
}

export function importVerifyKey(jwk: EcPublicJwk): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: EC_CURVE }, false, ['verify']);
}

export function importServerPublicKey(jwk: EcPublicJwk): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', jwk, { name: 'ECDH', namedCurve: EC_CURVE }, false, []);
}

export function importServerPrivateKey(jwk: JsonWebKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', jwk, { name: 'ECDH', namedCurve: EC_CURVE }, false, ['deriveBits']);
}

/**
 * ECDH(private, public) → HKDF-SHA-256 (empty salt: one side's key is fresh for every message; `info`
 * names the format, so a key derived for one format never opens another) → AES-256-GCM key.
 */
export async function deriveContentKey(
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  info: string,
  usage: 'encrypt' | 'decrypt',
): Promise<CryptoKey> {
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8.encode(info) },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}
