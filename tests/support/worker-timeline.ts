// What the browser's service-worker machinery did, as DevTools sees it, for a test to print when a
// step of an update times out: which versions were installing, waiting or active, running or not,
// and when. An update that stalls says where it stalled instead of only "no load in 30 s".
import type { Page } from 'playwright-core';

type Version = {
  versionId: string;
  status: string;
  runningStatus: string;
  scriptURL: string;
  controlledClients?: string[];
};

export type WorkerTimeline = {
  /** Rejections of `step` come back with the timeline and the page's view of its registration. */
  explain<T>(step: Promise<T>): Promise<T>;
};

export async function watchServiceWorkers(page: Page, name: string): Promise<WorkerTimeline> {
  const started = Date.now();
  const lines: string[] = [];
  const note = (line: string) => lines.push(`${String(Date.now() - started).padStart(6)} ms ${name}: ${line}`);
  const cdp = await page.context().newCDPSession(page);
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: Version[] }) => {
    for (const v of e.versions)
      note(`version ${v.versionId} ${v.status}, ${v.runningStatus}, ${v.controlledClients?.length ?? 0} clients`);
  });
  cdp.on('ServiceWorker.workerErrorReported', (e: { errorMessage: { errorMessage: string } }) =>
    note(`worker error ${e.errorMessage.errorMessage}`),
  );
  page.on('load', () => note('load'));
  page.on('console', (m) => {
    if (m.type() === 'error') note(`console.error ${m.text()}`);
  });
  await cdp.send('ServiceWorker.enable');
  return {
    async explain(step) {
      try {
        return await step;
      } catch (err) {
        const seen = await page
          .evaluate(async () => {
            const r = await navigator.serviceWorker.getRegistration();
            const state = (w: ServiceWorker | null | undefined) => w?.state ?? 'none';
            return `controller ${state(navigator.serviceWorker.controller)}, installing ${state(r?.installing)}, waiting ${state(r?.waiting)}, active ${state(r?.active)}`;
          })
          .catch((e: unknown) => `page unreadable: ${String(e)}`);
        note(`at the failure: ${seen}`);
        throw new Error(`${err instanceof Error ? err.message : String(err)}\n${lines.join('\n')}`);
      }
    },
  };
}
