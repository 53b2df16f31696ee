// A TCP proxy in front of the server that can drop the link in the middle of a request body, as a
// satellite link or a boat leaving the tower's range does: the bytes already across reach the
// server, then both connections die, and the link stays down until the test brings it back.
// `page.route` cannot do this — it answers a request before any of its body reaches the server.
// It reads the HTTP/1.1 requests crossing it (Chromium sends bodies with Content-Length and never
// pipelines) to record each one's method, path, headers and body size.
import net from 'node:net';

export type SeenRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  bodyBytes: number;
  cut: boolean;
};

export type CutRule = { method: string; path: string; afterBodyBytes: number };

export type CuttingProxy = {
  url: string;
  /** Every request that began crossing the proxy, in order (bodyBytes: what crossed of its body). */
  readonly requests: SeenRequest[];
  /** The next request matching the rule is cut after that many body bytes; then the link is down. */
  cutNext(rule: CutRule): void;
  /** Whether the link is down (every connection refused) since a cut. */
  readonly down: boolean;
  /** The link is back. */
  restore(): void;
  close(): Promise<void>;
};

const HEAD_END = Buffer.from('\r\n\r\n');

export async function startCuttingProxy(target: string): Promise<CuttingProxy> {
  const upstreamUrl = new URL(target);
  const requests: SeenRequest[] = [];
  const sockets = new Set<net.Socket>();
  let rule: CutRule | undefined;
  let down = false;

  const dropAll = (except?: net.Socket) => {
    down = true;
    for (const s of sockets) if (s !== except) s.destroy();
  };

  const server = net.createServer((client) => {
    if (down) return void client.destroy();
    const upstream = net.connect(Number(upstreamUrl.port), upstreamUrl.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    // While a cut is under way the bytes across must still reach the server: the upstream closes itself.
    let cutting = false;
    client.on('close', () => {
      if (!cutting) upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
    upstream.on('data', (d) => client.write(d));

    // Client → server: parse request heads to find body boundaries.
    let pending = Buffer.alloc(0);
    let current: SeenRequest | undefined;
    let remaining = 0;
    let cutAfter = -1;

    client.on('data', (data: Buffer) => {
      if (cutting) return;
      pending = Buffer.concat([pending, data]);
      while (pending.length > 0 && !cutting) {
        if (remaining === 0) {
          const end = pending.indexOf(HEAD_END);
          if (end < 0) return; // the head is not complete yet
          const head = pending.subarray(0, end + HEAD_END.length);
          pending = pending.subarray(end + HEAD_END.length);
          const [requestLine, ...lines] = head.toString('latin1').trimEnd().split('\r\n');
          const [method = '', path = ''] = requestLine!.split(' ');
          const headers = Object.fromEntries(
            lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
          );
          current = { method, path, headers, bodyBytes: 0, cut: false };
          requests.push(current);
          remaining = Number(headers['content-length'] ?? 0);
          cutAfter = rule && rule.method === method && path === rule.path ? rule.afterBodyBytes : -1;
          if (cutAfter >= 0) rule = undefined;
          upstream.write(head);
          continue;
        }
        let take = Math.min(remaining, pending.length);
        if (cutAfter >= 0) take = Math.min(take, cutAfter - current!.bodyBytes);
        const part = pending.subarray(0, take);
        pending = pending.subarray(take);
        remaining -= take;
        current!.bodyBytes += take;
        if (cutAfter >= 0 && current!.bodyBytes >= cutAfter) {
          // What crossed reaches the server (FIN after the bytes), then the link is gone.
          cutting = true;
          current!.cut = true;
          dropAll(upstream);
          upstream.end(part, () => setTimeout(() => upstream.destroy(), 100));
          return;
        }
        upstream.write(part);
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    cutNext(next) {
      rule = next;
    },
    get down() {
      return down;
    },
    restore() {
      down = false;
    },
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
