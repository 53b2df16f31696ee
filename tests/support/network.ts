// Counts what crosses the wire for API calls, as Chromium itself reports it (CDP Network events):
// request line and headers sent, plus every byte received (headers and body, compressed).
import type { CDPSession, Page } from 'playwright-core';

export type WireRequest = { url: string; status: number; sentBytes: number; receivedBytes: number };

type Entry = { url?: string; headers?: Record<string, string>; status?: number; receivedBytes?: number };

function sentBytes(url: string, headers: Record<string, string>): number {
  const u = new URL(url);
  const requestLine = `GET ${u.pathname}${u.search} HTTP/1.1\r\n`.length;
  return requestLine + Object.entries(headers).reduce((n, [k, v]) => n + k.length + 2 + String(v).length + 2, 0) + 2;
}

export async function recordApiTraffic(
  page: Page,
): Promise<{ readonly requests: WireRequest[]; stop(): Promise<void>; settled(): Promise<void> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  // Keyed by request id: Chromium may send the ExtraInfo event (the real headers) before or after
  // requestWillBeSent, so neither may be assumed to come first.
  const byId = new Map<string, Entry>();
  const entry = (id: string) => byId.get(id) ?? byId.set(id, {}).get(id)!;
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
    entry(e.requestId).url = e.request.url;
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (e: { requestId: string; headers: Record<string, string> }) => {
    entry(e.requestId).headers = e.headers;
  });
  cdp.on('Network.responseReceived', (e: { requestId: string; response: { status: number } }) => {
    entry(e.requestId).status = e.response.status;
  });
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    entry(e.requestId).receivedBytes = e.encodedDataLength;
  });

  const isApi = (e: Entry) => e.url !== undefined && new URL(e.url).pathname.startsWith('/api/');
  return {
    get requests() {
      return [...byId.values()]
        .filter((e) => isApi(e) && e.receivedBytes !== undefined)
        .map((e) => ({
          url: e.url!,
          status: e.status ?? 0,
          sentBytes: e.headers ? sentBytes(e.url!, e.headers) : 0,
          receivedBytes: e.receivedBytes!,
        }));
    },
    async settled() {
      const deadline = Date.now() + 30_000;
      const unfinished = () =>
        [...byId.values()].some((e) => isApi(e) && (e.receivedBytes === undefined || e.headers === undefined));
      while (unfinished() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    },
    async stop() {
      await cdp.detach();
    },
  };
}
