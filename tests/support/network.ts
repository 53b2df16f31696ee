// Counts what crosses the wire for API calls, as Chromium itself reports it (CDP Network events):
// request line and headers sent, plus every byte received (headers and body, compressed).
import type { CDPSession, Page } from 'playwright-core';

export type WireRequest = { url: string; status: number; sentBytes: number; receivedBytes: number };

export async function recordApiTraffic(page: Page): Promise<{ requests: WireRequest[]; stop(): Promise<void>; settled(): Promise<void> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const pending = new Map<string, Partial<WireRequest>>();
  const requests: WireRequest[] = [];
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
    if (new URL(e.request.url).pathname.startsWith('/api/')) pending.set(e.requestId, { url: e.request.url });
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (e: { requestId: string; headers: Record<string, string> }) => {
    const r = pending.get(e.requestId);
    if (!r?.url) return;
    const u = new URL(r.url);
    const requestLine = `GET ${u.pathname}${u.search} HTTP/1.1\r\n`.length;
    const headerBytes = Object.entries(e.headers).reduce((n, [k, v]) => n + k.length + 2 + String(v).length + 2, 0) + 2;
    r.sentBytes = requestLine + headerBytes;
  });
  cdp.on('Network.responseReceived', (e: { requestId: string; response: { status: number } }) => {
    const r = pending.get(e.requestId);
    if (r) r.status = e.response.status;
  });
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    const r = pending.get(e.requestId);
    if (!r) return;
    pending.delete(e.requestId);
    requests.push({ url: r.url!, status: r.status ?? 0, sentBytes: r.sentBytes ?? 0, receivedBytes: e.encodedDataLength });
  });
  return {
    requests,
    async settled() {
      const deadline = Date.now() + 30_000;
      while (pending.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    },
    async stop() {
      await cdp.detach();
    },
  };
}
