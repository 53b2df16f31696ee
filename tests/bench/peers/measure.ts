// Issue 14's side-by-side: the same four-question form (akta-kelahiran's child's name, sex, birth date
// and place of birth) usable in Nusa Layan's form route, in Enketo (enketo-core 9's Form on the inlined
// transformed form, all widgets) and in ODK Web Forms (@getodk/web-forms), each loaded through the
// project's emulated harbour link (harbour.ts: 1 Mbit/s, 600 ms) at 360 × 740 with the CPU slowed 4×,
// a fresh profile each run, no service worker and no HTTP cache (every run loads all of its code),
// runs interleaved A B C A B C, medians.
//
// Usable: navigation start → the form's first field is visible and has taken a keystroke (an input
// handler ran in the page), as the harbour section's probe does for the search field. Nusa Layan runs
// on a device that already holds the catalogue and a draft of akta-kelahiran (its form has more than
// four fields: the seed has no four-question service), opened at its answers step
// (/permohonan/<id>/isian); each run copies that device's profile.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { SEED_SERVICES } from '../../../src/server/catalogue/seed/services.ts';
import { startInProcessServer } from '../../support/app-server.ts';
import { assertChromium, openProfile } from '../../support/browser.ts';
import { tempDir } from '../../support/server.ts';
import { CPU_SLOWDOWN, HARBOUR_LINK, PHONE_VIEWPORT } from '../harbour.ts';
import { installDeviceWithDraft } from '../routes.ts';
import { type SatelliteProxy, startSatelliteProxy } from '../satellite-proxy.ts';
import { type Timing, timing } from '../stats.ts';
import { buildPeers, PEERS_DIR, PEERS_DIST } from './build.ts';
import { interleave, ratio } from './order.ts';
import { startStaticServer } from './server.ts';

export const PEERS_RUNS = 5;
const SERVICE = 'akta-kelahiran';
const WAIT_MS = 180_000;

export const CONTESTANTS = ['nusa-layan', 'enketo', 'odk'] as const;
export type Contestant = (typeof CONTESTANTS)[number];
export const NAMES: Record<Contestant, string> = {
  'nusa-layan': 'Nusa Layan',
  enketo: 'Enketo',
  odk: 'ODK Web Forms',
};
/** Each contestant's first field of the form (the child's full name). */
const FIRST_FIELD: Record<Contestant, string> = {
  'nusa-layan': 'input[name="childName"]',
  enketo: 'input[name="/data/childName"]',
  odk: '.form-questions input[type=text]',
};

/** Runs in every document first: the first input event on the first field, in page time. */
const probe = (selector: string) => `(() => {
  window.__peers = {};
  document.addEventListener('input', (e) => {
    if (e.target instanceof HTMLInputElement && e.target.matches(${JSON.stringify(selector)})) window.__peers.keyAt ??= performance.now();
  }, true);
})();`;

export type PeerFigures = {
  name: string;
  usable: Timing | null;
  /** Median over Nusa Layan's (> 1: slower than Nusa Layan). */
  ratio: number | null;
  /** Bytes down the link in each run (compressed, with headers). */
  downBytes: number[];
  missing?: string;
};

export type PeersResult = {
  form: string;
  nusaLayanFields: number;
  link: typeof HARBOUR_LINK;
  cpuSlowdown: number;
  viewport: typeof PHONE_VIEWPORT;
  order: Contestant[];
  contestants: Record<Contestant, PeerFigures>;
};

/** Installs the peers' own packages on first use and bundles their pages. */
async function preparePeers(): Promise<void> {
  if (!existsSync(join(PEERS_DIR, 'node_modules'))) {
    console.log('  installing the peers (npm ci --prefix tests/bench/peers)…');
    const ci = spawnSync('npm', ['ci', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', '--ignore-scripts'], {
      stdio: 'inherit',
    });
    if (ci.status !== 0) throw new Error(`npm ci --prefix tests/bench/peers failed (exit ${ci.status ?? ci.signal})`);
  }
  await buildPeers();
}

/** The Nusa Layan device of routes.ts (catalogue and one draft); returns the draft's answers step. */
async function prepareDevice(dir: string, proxy: SatelliteProxy): Promise<string> {
  // The four questions (the child's name first) are on the form's answers step.
  return `${await installDeviceWithDraft(dir, proxy.url, PHONE_VIEWPORT)}/isian`;
}

/** One visit: navigation start → first field visible and an input handler ran for a typed key. */
async function usableMs(context: BrowserContext, url: string, who: Contestant): Promise<number> {
  await context.addInitScript({ content: probe(FIRST_FIELD[who]) });
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.goto(url, { waitUntil: 'commit', timeout: WAIT_MS });
  const field = page.locator(FIRST_FIELD[who]).first();
  await field.waitFor({ state: 'visible', timeout: WAIT_MS });
  await field.focus({ timeout: WAIT_MS });
  await page.keyboard.type('a');
  const at = await page.waitForFunction(
    () => (window as unknown as { __peers: { keyAt?: number } }).__peers.keyAt,
    null,
    {
      timeout: WAIT_MS,
    },
  );
  return (await at.jsonValue()) as number;
}

export async function measurePeers(runs = PEERS_RUNS): Promise<PeersResult> {
  assertChromium();
  const service = SEED_SERVICES.find((s) => s.id === SERVICE);
  if (!service) throw new Error(`no ${SERVICE} in the seed`);
  const missing: Partial<Record<Contestant, string>> = {};
  try {
    await preparePeers();
  } catch (err) {
    const why = `could not install or bundle: ${err instanceof Error ? err.message : String(err)}`;
    missing.enketo = why;
    missing.odk = why;
  }
  const server = await startInProcessServer({ seed: true });
  const { hostname, port } = new URL(server.url);
  const appProxy = await startSatelliteProxy({ host: hostname, port: Number(port) }, HARBOUR_LINK);
  const statics = await startStaticServer(PEERS_DIST);
  const peerProxy = await startSatelliteProxy({ host: statics.host, port: statics.port }, HARBOUR_LINK);
  const device = await tempDir('nusa-layan-bench-peers-device-');
  const times: Record<Contestant, number[]> = { 'nusa-layan': [], enketo: [], odk: [] };
  const down: Record<Contestant, number[]> = { 'nusa-layan': [], enketo: [], odk: [] };
  try {
    const form = await prepareDevice(device, appProxy);
    const order = interleave(
      CONTESTANTS.filter((c) => !missing[c]),
      runs,
    );
    for (const who of order) {
      if (missing[who]) continue;
      const dir = await tempDir('nusa-layan-bench-peers-');
      const proxy = who === 'nusa-layan' ? appProxy : peerProxy;
      try {
        if (who === 'nusa-layan') await cp(device, dir, { recursive: true });
        const before = proxy.stats.downBytes;
        const context = await openProfile(dir, { viewport: PHONE_VIEWPORT, serviceWorkers: 'block' });
        try {
          const url = who === 'nusa-layan' ? `${proxy.url}${form}` : `${proxy.url}/${who}/`;
          times[who].push(await usableMs(context, url, who));
        } catch (err) {
          // A peer that fails is reported missing; Nusa Layan failing leaves nothing to compare with.
          if (who === 'nusa-layan') throw err;
          missing[who] = `failed to become usable: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
          continue;
        } finally {
          await context.close();
        }
        down[who].push(proxy.stats.downBytes - before);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    const base = times['nusa-layan'].length ? timing(times['nusa-layan']).medianMs : Number.NaN;
    const figures = (who: Contestant): PeerFigures => {
      if (missing[who]) return { name: NAMES[who], usable: null, ratio: null, downBytes: [], missing: missing[who] };
      const usable = timing(times[who]);
      return { name: NAMES[who], usable, ratio: ratio(usable.medianMs, base), downBytes: down[who] };
    };
    return {
      form: `${SERVICE}: childName, childSex, dateOfBirth, placeOfBirth`,
      nusaLayanFields: service.form?.fields.length ?? 0,
      link: HARBOUR_LINK,
      cpuSlowdown: CPU_SLOWDOWN,
      viewport: PHONE_VIEWPORT,
      order,
      contestants: { 'nusa-layan': figures('nusa-layan'), enketo: figures('enketo'), odk: figures('odk') },
    };
  } finally {
    await peerProxy.close();
    await statics.close();
    await appProxy.close();
    await server.close();
    await rm(device, { recursive: true, force: true });
  }
}

/** The versions measured, from the peers' lock file. */
export async function peerVersions(): Promise<Record<string, string>> {
  const lock = JSON.parse(await readFile(join(PEERS_DIR, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const v = (name: string) => lock.packages[`node_modules/${name}`]?.version ?? '?';
  return { 'enketo-core': v('enketo-core'), '@getodk/web-forms': v('@getodk/web-forms'), vue: v('vue') };
}
