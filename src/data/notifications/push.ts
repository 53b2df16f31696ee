// The device follows one of its records by Web Push, after the resident asked for it: the browser's
// permission, a subscription at the browser's push service for the server's VAPID key, and the
// subscription sent to the server with the record's secret (the device's proof that it is the
// applicant's). Which records this device follows is remembered here, so the offer is not repeated.
import type { PushTarget } from '../../domain/notifications/push.ts';

const FOLLOWED_KEY = 'nusa-layan.push.followed';

export type FollowResult = 'followed' | 'denied' | 'unavailable' | 'failed';

/** Whether this browser can receive pushes at all, and the resident has not refused notifications. */
export function pushOfferable(): boolean {
  return (
    typeof window !== 'undefined' &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window &&
    Notification.permission !== 'denied'
  );
}

function followedIds(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(FOLLOWED_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export const isFollowed = (id: string): boolean => followedIds().includes(id);

/** base64url (the server's key) to the bytes PushManager.subscribe takes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/**
 * The browser registers at its push service over the network; with no answer (no signal, a push
 * service out of reach) it may wait indefinitely, and the resident must not be left with a dead button.
 */
const SUBSCRIBE_TIMEOUT_MS = 15_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('push subscription timed out')), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** Must be called from the resident's tap: the browser asks its permission only then. */
export async function followByPush(target: PushTarget, secret: string): Promise<FollowResult> {
  if (!pushOfferable()) return 'unavailable';
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return 'denied';
  try {
    const keyRes = await fetch('/api/push/key', { cache: 'no-store' });
    const { publicKey } = (await keyRes.json()) as { publicKey: string | null };
    if (!keyRes.ok || !publicKey) return 'unavailable';
    const registration = await navigator.serviceWorker.ready;
    const subscription =
      (await registration.pushManager.getSubscription()) ??
      (await withTimeout(
        registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }),
        SUBSCRIBE_TIMEOUT_MS,
      ));
    const res = await fetch('/api/push/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target, secret, subscription: subscription.toJSON() }),
    });
    if (!res.ok) return 'failed';
    localStorage.setItem(FOLLOWED_KEY, JSON.stringify([...new Set([...followedIds(), target.id])]));
    return 'followed';
  } catch {
    // No push service reachable (offline, a browser without one): the resident may try again later.
    return 'failed';
  }
}
