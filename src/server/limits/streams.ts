// Caps on the event streams a server holds open (issue 13, point 11): each is a socket and a timer
// until the client goes, so anonymous clients must not hold them without bound. A client (address,
// or enrolled device) holds at most `perClient`; a device key at most `perDevice` — its newest win,
// as a reloaded page leaves the old socket open until TCP notices; the server at most `total`; and
// no stream lives longer than `maxSeconds` (the page's EventSource reconnects and pulls, so a live
// page loses nothing, and an abandoned or stalled one lets go). Per process: a stream is a socket of
// this process, whatever database the servers share.

export type StreamCaps = { total: number; perClient: number; perDevice: number; maxSeconds: number };

export const DEFAULT_STREAM_CAPS: StreamCaps = { total: 1000, perClient: 10, perDevice: 2, maxSeconds: 600 };

type Held = { client: string; device: string; end: () => void };

export type Opened =
  | { ok: true; release: () => void }
  | { ok: false; reason: 'client' | 'server'; retryAfterSeconds: number };

export class StreamRegistry {
  readonly #held = new Set<Held>();

  constructor(readonly caps: StreamCaps) {}

  /** Admits a stream (ending the same device's oldest beyond `perDevice`), or says which cap refuses it. */
  open(client: string, device: string, end: () => void): Opened {
    const mine = [...this.#held].filter((h) => h.device === device);
    for (const old of mine.slice(0, Math.max(0, mine.length - this.caps.perDevice + 1))) {
      this.#held.delete(old);
      old.end();
    }
    if ([...this.#held].filter((h) => h.client === client).length >= this.caps.perClient)
      return { ok: false, reason: 'client', retryAfterSeconds: 60 };
    if (this.#held.size >= this.caps.total) return { ok: false, reason: 'server', retryAfterSeconds: 30 };
    const held: Held = { client, device, end };
    this.#held.add(held);
    return { ok: true, release: () => this.#held.delete(held) };
  }

  /** Ends every stream (the server is stopping). */
  endAll(): void {
    for (const h of this.#held) h.end();
    this.#held.clear();
  }

  get size(): number {
    return this.#held.size;
  }
}
