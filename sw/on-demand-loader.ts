// The worker's heavy part (sw/on-demand.ts) is evaluated only when an event needs it: a worker
// started to answer a navigation — each cold start of the app — does not pay for Dexie and zod.
// A worker may importScripts a script after it installed only if it imported it while installing,
// so the install imports it once; every start after that loads it from the worker's stored scripts.
import { global, url } from 'virtual:sw-on-demand-url';
import type * as OnDemand from './on-demand.ts';

export function onDemand(scope: ServiceWorkerGlobalScope): typeof OnDemand {
  const loaded = () => (scope as unknown as Record<string, typeof OnDemand | undefined>)[global];
  if (!loaded()) scope.importScripts(url);
  const part = loaded();
  if (!part) throw new Error(`${url} did not define the worker's on-demand part`);
  return part;
}

/** Stores the on-demand script with the worker: an install that cannot fetch it fails, and is retried. */
export function storeOnDemandPart(scope: ServiceWorkerGlobalScope): void {
  scope.addEventListener('install', () => onDemand(scope));
}
