// A push service the tests run (RFC 8030): it hands out subscriptions as a browser would make them —
// a P-256 key pair and a 16-byte auth secret generated here, with an endpoint on this local server —
// and for every message it receives checks the VAPID signature (RFC 8292) against the server's
// public key and decrypts the payload (RFC 8291, aes128gcm) with the subscription's private key.
// Headless Chromium cannot reach a real push service, so this is the far end of the server's path.
import { createECDH, createPublicKey, type ECDH, randomBytes, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt } from 'http_ece';
import { RequestWaiters } from './request-waiters.ts';

export type PushedMessage = {
  /** Which subscription it was sent to (its endpoint's last path segment). */
  subscription: string;
  /** The decrypted payload, parsed. */
  payload: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** The VAPID JWT's claims, after its signature was checked. */
  claims: { aud: string; exp: number; sub: string };
};

type Device = { ecdh: ECDH; auth: string };

export class LocalPushService {
  readonly received: PushedMessage[] = [];
  /** Requests that could not be read (bad signature, undecryptable): each is a failure of the server under test. */
  readonly rejected: string[] = [];
  readonly #devices = new Map<string, Device>();
  /** Status to answer per subscription (default 201 Created, as push services answer). */
  readonly answer = new Map<string, number>();
  readonly #waiters = new RequestWaiters();
  private constructor(
    private readonly server: Server,
    readonly origin: string,
    private readonly vapidPublicKey: string,
  ) {}

  static async start(vapidPublicKey: string): Promise<LocalPushService> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const service = new LocalPushService(server, `http://127.0.0.1:${port}`, vapidPublicKey);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const id = req.url?.split('/').at(-1) ?? '';
        const status = service.answer.get(id) ?? 201;
        try {
          if (status < 300) service.accept(id, req.headers, Buffer.concat(chunks));
        } catch (err) {
          service.rejected.push((err as Error).message);
        }
        res.writeHead(status).end();
        service.#waiters.wake();
      });
    });
    return service;
  }

  /** A new device's subscription, as PushSubscription.toJSON() gives it. */
  subscribe(): { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } } {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16).toString('base64url');
    const id = randomBytes(8).toString('hex');
    this.#devices.set(id, { ecdh, auth });
    return {
      endpoint: `${this.origin}/push/${id}`,
      expirationTime: null,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth },
    };
  }

  idOf(endpoint: string): string {
    return endpoint.split('/').at(-1)!;
  }

  /** Resolves when `done()` holds (checked after every request), or rejects after `ms`. */
  waitFor(done: () => boolean, ms = 10_000): Promise<void> {
    return this.#waiters.until(done, 'the push service', ms);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(id: string, headers: PushedMessage['headers'], body: Buffer): void {
    const device = this.#devices.get(id);
    if (!device) throw new Error(`unknown subscription ${id}`);
    if (headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
    if (!headers.ttl) throw new Error('no TTL');
    const claims = this.checkVapid(String(headers.authorization ?? ''));
    const plain = decrypt(body, { version: 'aes128gcm', privateKey: device.ecdh, authSecret: device.auth });
    this.received.push({ subscription: id, payload: JSON.parse(plain.toString('utf8')), headers, claims });
  }

  /** `vapid t=<JWT>, k=<public key>`: the key must be the server's, the ES256 signature valid, aud this origin. */
  private checkVapid(authorization: string): PushedMessage['claims'] {
    const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization);
    if (!m) throw new Error(`no VAPID authorization: ${authorization.slice(0, 20)}`);
    const [, jwt = '', k = ''] = m;
    if (k !== this.vapidPublicKey) throw new Error('VAPID key is not the server’s');
    const [header = '', claims = '', signature = ''] = jwt.split('.');
    const point = Buffer.from(k, 'base64url');
    const key = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33, 65).toString('base64url'),
      },
      format: 'jwk',
    });
    const ok = verify(
      'sha256',
      Buffer.from(`${header}.${claims}`),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
    if (!ok) throw new Error('VAPID signature does not verify');
    const parsed = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as PushedMessage['claims'];
    if (parsed.aud !== this.origin) throw new Error(`VAPID aud ${parsed.aud}`);
    if (parsed.exp * 1000 < Date.now()) throw new Error('VAPID token expired');
    return parsed;
  }
}
