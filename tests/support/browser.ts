// Real Chromium for end-to-end tests: the system build at /usr/bin/chromium, driven by playwright-core.
// A missing browser is a failure with instructions, never a skipped test.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { tempDir } from './server.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. End-to-end tests need it: on Debian/Ubuntu run ` +
        '`apt-get install -y chromium` (as root), or set CHROMIUM_PATH to another Chromium binary.',
    );
  }
}

/** A persistent profile, like an installed app on a phone: its storage survives closing the browser. */
export async function openProfile(
  userDataDir: string,
  options: {
    offline?: boolean;
    viewport?: { width: number; height: number };
    /** 'block' keeps service workers from registering (pages always load from the network). */
    serviceWorkers?: 'allow' | 'block';
  } = {},
): Promise<BrowserContext> {
  assertChromium();
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    offline: options.offline ?? false,
    serviceWorkers: options.serviceWorkers ?? 'allow',
    viewport: options.viewport ?? { width: 412, height: 915 }, // a common cheap Android phone
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
}

/** Resolves once a service worker controls the page (the app then works offline). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(
    () => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined,
    undefined,
    {
      timeout: 30_000,
    },
  );
}

/**
 * Opens the catalogue in `page` and waits until the service worker controls it and the catalogue has
 * synced: the app is installed and ready to work offline.
 */
export async function installApp(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/layanan`);
  await waitForServiceWorkerControl(page);
  await page.waitForFunction(() => localStorage.getItem('nusa-layan.catalogue.syncedAt') !== null, undefined, {
    timeout: 30_000,
  });
}

/**
 * A fresh profile (in a temporary folder named with `prefix`) with the app installed at `baseUrl`:
 * its folder and context go into `opened`, for the suite to close and remove after its tests.
 */
export async function installedAppPage(
  baseUrl: string,
  prefix: string,
  opened: { dirs: string[]; contexts: BrowserContext[] },
  options: {
    viewport?: { width: number; height: number };
    /** Runs on the new context before the app's first page loads (e.g. init scripts). */
    prepare?: (context: BrowserContext) => Promise<void>;
  } = {},
): Promise<Page> {
  const dir = await tempDir(prefix);
  opened.dirs.push(dir);
  const context = await openProfile(dir, options.viewport ? { viewport: options.viewport } : {});
  opened.contexts.push(context);
  await options.prepare?.(context);
  const page = context.pages()[0] ?? (await context.newPage());
  await installApp(page, baseUrl);
  return page;
}

/** The tag the app registers its outbox's Background Sync under (src/data/outbox). */
const OUTBOX_SYNC_TAG = 'nusa-layan-outbox';

/**
 * Returns a way to fire the service worker's Background Sync through DevTools, as the browser does on
 * reconnection (going online in Playwright does not). `cdp` must belong to a page at `origin`.
 */
export async function syncTrigger(cdp: CDPSession, origin: string): Promise<() => Promise<void>> {
  const registrations: Array<{ registrationId: string; scopeURL: string; isDeleted?: boolean }> = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: typeof registrations }) =>
    registrations.push(...e.registrations),
  );
  await cdp.send('ServiceWorker.enable');
  const current = () => registrations.filter((r) => r.scopeURL.startsWith(origin) && !r.isDeleted).at(-1);
  await expect.poll(current).toBeDefined();
  return async () => {
    await cdp.send('ServiceWorker.dispatchSyncEvent', {
      origin,
      registrationId: current()!.registrationId,
      tag: OUTBOX_SYNC_TAG,
      lastChance: false,
    });
  };
}

export async function installabilityErrors(page: Page): Promise<unknown[]> {
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: unknown[];
  };
  await cdp.detach();
  return installabilityErrors;
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

/** The rule sets issue #18 holds every screen to. */
export const STRICT_AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Runs axe-core in the page (evaluated through the driver, so the page's CSP stays strict): its
 * default rules, or only those of `tags`.
 */
export async function a11yViolations(page: Page, tags?: string[]): Promise<AxeViolation[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      ...(tags ? { runOnly: { type: 'tag', values: tags } } : {}),
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  }, tags);
}

/**
 * Fails the test on any axe-core violation, at any impact, of the WCAG 2.0–2.2 A/AA and best-practice
 * rules on the screen now shown, naming it.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await a11yViolations(page, STRICT_AXE_TAGS);
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}
