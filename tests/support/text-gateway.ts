// An SMS/WhatsApp gateway the tests run: it takes the generic adapter's JSON POSTs, keeps each
// message by its idempotency key (a repeated key is a duplicate, not a new message, as a gateway
// honouring Idempotency-Key does), and can be told to fail the next requests.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestWaiters } from './request-waiters.ts';

export type GatewayRequest = {
  headers: IncomingHttpHeaders;
  body: { idempotencyKey: string; channel: string; number: string; message: string };
  status: number;
};

export class LocalTextGateway {
  /** Every request, in order, with the status it was answered. */
  readonly requests: GatewayRequest[] = [];
  /** Statuses to answer the next requests with (then 200). */
  readonly failNext: number[] = [];
  readonly #waiters = new RequestWaiters();
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<LocalTextGateway> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const gateway = new LocalTextGateway(server, `http://127.0.0.1:${port}/kirim`);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const status = gateway.failNext.shift() ?? 200;
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GatewayRequest['body'];
        gateway.requests.push({ headers: req.headers, body, status });
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
        gateway.#waiters.wake();
      });
    });
    return gateway;
  }

  /** Messages delivered (answered 2xx), one per idempotency key. */
  delivered(): GatewayRequest['body'][] {
    const byKey = new Map<string, GatewayRequest['body']>();
    for (const r of this.requests) if (r.status < 300) byKey.set(r.body.idempotencyKey, r.body);
    return [...byKey.values()];
  }

  /** Resolves when `done()` holds (checked after every request), or rejects after `ms`. */
  waitFor(done: () => boolean, ms = 10_000): Promise<void> {
    return this.#waiters.until(done, 'the gateway', ms);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
