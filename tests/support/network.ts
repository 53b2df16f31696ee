// Counts what crosses the wire for API calls — the page's own and its workers' (the catalogue check
// runs in a worker) — as Chromium reports it through Playwright: request line and headers sent, plus
// every byte received (headers and body, compressed).
import type { Page, Request } from 'playwright-core';

export type WireRequest = { url: string; status: number; sentBytes: number; receivedBytes: number };

type Entry = { url: string; done?: WireRequest };

export async function recordApiTraffic(
  page: Page,
): Promise<{ readonly requests: WireRequest[]; stop(): Promise<void>; settled(): Promise<void> }> {
  const entries = new Map<Request, Entry>();
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
  const onRequest = (request: Request) => {
    if (isApi(request.url())) entries.set(request, { url: request.url() });
  };
  const onFinished = (request: Request) => {
    const entry = entries.get(request);
    if (!entry) return;
    void (async () => {
      const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
      entry.done = {
        url: entry.url,
        status: response?.status() ?? 0,
        sentBytes: sizes.requestHeadersSize + sizes.requestBodySize,
        receivedBytes: sizes.responseHeadersSize + sizes.responseBodySize,
      };
    })();
  };
  const onFailed = (request: Request) => entries.delete(request);
  page.on('request', onRequest);
  page.on('requestfinished', onFinished);
  page.on('requestfailed', onFailed);
  return {
    get requests() {
      return [...entries.values()].flatMap((e) => (e.done ? [e.done] : []));
    },
    async settled() {
      const deadline = Date.now() + 30_000;
      while ([...entries.values()].some((e) => !e.done) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
    },
    async stop() {
      page.off('request', onRequest);
      page.off('requestfinished', onFinished);
      page.off('requestfailed', onFailed);
    },
  };
}
