// A TCP proxy that makes 127.0.0.1 behave like an island's satellite link: bytes leave at the line
// rate of their direction (a token bucket with no burst: the link serialises them), arrive half a
// round trip later in the order they were sent, a new connection costs one round trip (the TCP
// handshake) before its first byte moves, and the link drops a connection once ~4 MB have crossed
// it. The link's two directions are shared by every connection through the proxy, as one modem is.
import net from 'node:net';

export type LinkProfile = {
  /** Client → server (uplink). */
  upBitsPerSecond: number;
  /** Server → client (downlink). */
  downBitsPerSecond: number;
  /** Round trip: each byte is delayed by half of it in each direction; a new connection waits one. */
  rttMs: number;
  /** A connection is cut (both sockets destroyed) once this many bytes, both directions, crossed it. */
  cutAfterBytes: number;
};

export const SATELLITE: LinkProfile = {
  upBitsPerSecond: 2_000_000,
  downBitsPerSecond: 4_000_000,
  rttMs: 700,
  cutAfterBytes: 4 * 1024 * 1024,
};

export type LinkStats = {
  connections: number;
  cuts: number;
  /** Bytes the client put on the uplink (including bytes lost in flight when a connection was cut). */
  upBytes: number;
  /** Bytes the server put on the downlink. */
  downBytes: number;
};

export type SatelliteProxy = { url: string; stats: LinkStats; close(): Promise<void> };

/** Bytes are paced in slices of at most this size, so a large read does not leave as one burst. */
const SLICE = 16 * 1024;
/** A sender is paused once this much of its data waits to be transmitted (backpressure; like a socket buffer). */
const MAX_BACKLOG_MS = 100;

/** One direction of the link: the time it is busy until. */
class Lane {
  private freeAt = 0;
  constructor(private readonly bytesPerMs: number) {}
  /** Queues n bytes now; returns when their last bit has left. */
  transmit(n: number, now: number): number {
    this.freeAt = Math.max(now, this.freeAt) + n / this.bytesPerMs;
    return this.freeAt;
  }
  backlogMs(now: number): number {
    return Math.max(0, this.freeAt - now);
  }
}

type Item = { at: number; data: Buffer | null }; // null: the sender ended its side

/** One direction of one connection: paces src's bytes over the lane and writes them to dst in order. */
class Pipe {
  private readonly queue: Item[] = [];
  private timer: NodeJS.Timeout | undefined;
  private resumeTimer: NodeJS.Timeout | undefined;
  private waitingForLane = false;
  private waitingForDst = false;
  ended = false;

  constructor(
    private readonly src: net.Socket,
    private readonly dst: net.Socket,
    private readonly lane: Lane,
    private readonly delayMs: number,
    private readonly onSent: (n: number) => void,
    /** Called for every delivered slice; returns false when the connection was cut. */
    private readonly onDelivered: (n: number) => boolean,
  ) {
    src.on('data', (buf: Buffer) => this.accept(buf));
    src.on('end', () => {
      this.ended = true;
      const last = this.queue.at(-1)?.at ?? 0;
      this.queue.push({ at: Math.max(last, performance.now() + this.delayMs), data: null });
      this.schedule();
    });
    dst.on('drain', () => {
      this.waitingForDst = false;
      this.flow();
    });
  }

  private accept(buf: Buffer): void {
    const now = performance.now();
    for (let i = 0; i < buf.length; i += SLICE) {
      const slice = buf.subarray(i, i + SLICE);
      this.queue.push({ at: this.lane.transmit(slice.length, now) + this.delayMs, data: slice });
      this.onSent(slice.length);
    }
    const backlog = this.lane.backlogMs(now);
    if (backlog > MAX_BACKLOG_MS && !this.waitingForLane) {
      this.waitingForLane = true;
      this.flow();
      this.resumeTimer = setTimeout(
        () => {
          this.waitingForLane = false;
          this.flow();
        },
        backlog - MAX_BACKLOG_MS / 2,
      );
    }
    this.schedule();
  }

  private flow(): void {
    if (this.src.destroyed) return;
    if (this.waitingForLane || this.waitingForDst) this.src.pause();
    else this.src.resume();
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(0, this.queue[0]!.at - performance.now()),
    );
  }

  private pump(): void {
    const now = performance.now();
    while (this.queue.length > 0 && this.queue[0]!.at <= now) {
      const { data } = this.queue.shift()!;
      if (this.dst.destroyed) {
        this.stop();
        return;
      }
      if (data === null) {
        this.dst.end();
        continue;
      }
      if (!this.dst.write(data)) {
        this.waitingForDst = true;
        this.flow();
      }
      if (!this.onDelivered(data.length)) return;
    }
    this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    clearTimeout(this.resumeTimer);
    this.timer = undefined;
    this.queue.length = 0;
  }
}

export async function startSatelliteProxy(
  target: { host: string; port: number },
  profile: LinkProfile = SATELLITE,
): Promise<SatelliteProxy> {
  const stats: LinkStats = { connections: 0, cuts: 0, upBytes: 0, downBytes: 0 };
  const up = new Lane(profile.upBitsPerSecond / 8 / 1000);
  const down = new Lane(profile.downBitsPerSecond / 8 / 1000);
  const half = profile.rttMs / 2;
  const live = new Set<net.Socket>();

  const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true }, (client) => {
    stats.connections++;
    const upstream = net.connect({ host: target.host, port: target.port, allowHalfOpen: true });
    live.add(client).add(upstream);
    let crossed = 0;
    let pipes: Pipe[] = [];
    const destroyBoth = () => {
      for (const p of pipes) p.stop();
      client.destroy();
      upstream.destroy();
    };
    const delivered = (n: number): boolean => {
      crossed += n;
      if (crossed < profile.cutAfterBytes) return true;
      stats.cuts++;
      destroyBoth();
      return false;
    };
    for (const s of [client, upstream]) {
      s.on('error', destroyBoth);
      s.on('close', () => {
        live.delete(s);
        // A side that went away without ending its half leaves the other nothing to wait for.
        const from = s === client ? pipes[0] : pipes[1];
        if (!from?.ended) destroyBoth();
      });
    }
    // The handshake: one round trip before the client's first byte may start across the link.
    const handshake = new Promise<void>((resolve) => setTimeout(resolve, profile.rttMs));
    const connected = new Promise<void>((resolve) => upstream.once('connect', () => resolve()));
    void Promise.all([handshake, connected]).then(() => {
      if (client.destroyed || upstream.destroyed) return destroyBoth();
      pipes = [
        new Pipe(client, upstream, up, half, (n) => (stats.upBytes += n), delivered),
        new Pipe(upstream, client, down, half, (n) => (stats.downBytes += n), delivered),
      ];
      client.resume();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    async close() {
      for (const s of live) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
