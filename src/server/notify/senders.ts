// How a notice leaves the server: Web Push through the `web-push` library (RFC 8291 payload
// encryption and RFC 8292 VAPID signing), and texts through a generic HTTP adapter any SMS or
// WhatsApp gateway can sit behind (README, "Notifications"). Each answers what the worker should
// do next; an error is described by a short code only (a gateway's error text may echo the number).
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import webpush from 'web-push';
import type { Notice } from '../../domain/notifications/notice.ts';
import { isPublicAddress, NotPublicAddressError, publicOnlyLookup } from './public-address.ts';

export type SendResult =
  | { kind: 'sent' }
  /** The push service forgot the subscription (404/410): remove it, nothing to retry. */
  | { kind: 'gone' }
  | { kind: 'retry'; error: string }
  | { kind: 'failed'; error: string }
  /** This server has no way to send it (no gateway, Web Push off): not a failure to show anyone. */
  | { kind: 'skipped'; error: string };

export type PushSubscriptionKeys = { endpoint: string; p256dh: string; auth: string };
export type PushSender = (subscription: PushSubscriptionKeys, notice: Notice) => Promise<SendResult>;
export type TextMessage = { idempotencyKey: string; channel: 'sms' | 'whatsapp'; number: string; message: string };
export type TextSender = (message: TextMessage) => Promise<SendResult>;

export type VapidConfig = { subject: string; publicKey: string; privateKey: string };
export type TextGatewayConfig = { url: string; token?: string | undefined };

const TIMEOUT_MS = 10_000;
/** A push waits at the push service this long for a device that is off or out of signal. */
const PUSH_TTL_SECONDS = 7 * 24 * 3600;

/** 408, 425, 429 and 5xx are worth another try later; any other refusal will not change by itself. */
function byStatus(status: number): SendResult {
  if (status >= 200 && status < 300) return { kind: 'sent' };
  if (status === 408 || status === 425 || status === 429 || status >= 500)
    return { kind: 'retry', error: `http_${status}` };
  return { kind: 'failed', error: `http_${status}` };
}

const networkError = (err: unknown): SendResult => ({
  kind: 'retry',
  // fetch rejects with the TimeoutError itself; http.request with an AbortError caused by it.
  error:
    (err as Error).name === 'TimeoutError' || ((err as Error).cause as Error | undefined)?.name === 'TimeoutError'
      ? 'timeout'
      : 'network',
});

export type PushSenderOptions = {
  /**
   * Send to endpoints on private, loopback or link-local addresses: only for a test's local push
   * service. Otherwise a push to one fails as `not_public` (see public-address.ts).
   */
  allowPrivateAddresses?: boolean;
};

export function pushSender(vapid: VapidConfig, options: PushSenderOptions = {}): PushSender {
  return async (subscription, notice) => {
    // web-push builds the request (encrypted body, VAPID Authorization, TTL); fetch sends it, with a
    // timeout and without following redirects.
    const details = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      JSON.stringify(notice),
      { vapidDetails: vapid, TTL: PUSH_TTL_SECONDS, urgency: notice.event === 'needs-correction' ? 'high' : 'normal' },
    );
    const headers = Object.fromEntries(
      Object.entries(details.headers)
        .filter(([name]) => name.toLowerCase() !== 'content-length')
        .map(([name, value]) => [name, String(value)]),
    );
    try {
      const status = await post(details.endpoint, headers, details.body, options.allowPrivateAddresses ?? false);
      if (status === 404 || status === 410) return { kind: 'gone' };
      return byStatus(status);
    } catch (err) {
      if (err instanceof NotPublicAddressError) return { kind: 'failed', error: 'not_public' };
      return networkError(err);
    }
  };
}

/**
 * POSTs `body` to a push endpoint and answers the status, without following redirects; unless
 * `allowPrivate`, only to a public address (checked on the address the socket connects to).
 */
function post(endpoint: string, headers: Record<string, string>, body: Buffer | null, allowPrivate: boolean) {
  return new Promise<number>((resolve, reject) => {
    const url = new URL(endpoint);
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    // A literal address is connected to without a lookup: it is judged here.
    if (!allowPrivate && isIP(host) && !isPublicAddress(host))
      return reject(new NotPublicAddressError(`${host} is not a public address`));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers: body ? { ...headers, 'content-length': String(body.length) } : headers,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        ...(allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/**
 * POSTs `{idempotencyKey, channel, number, message}` as JSON to NOTIFY_SMS_URL, with the key also in
 * an Idempotency-Key header and NOTIFY_SMS_TOKEN as a bearer token: a retry after a lost answer sends
 * the same key, so the gateway delivers the message once.
 */
export function textSender(config: TextGatewayConfig): TextSender {
  return async (message) => {
    try {
      const res = await fetch(config.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': message.idempotencyKey,
          ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
        },
        body: JSON.stringify(message),
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined);
      return byStatus(res.status);
    } catch (err) {
      return networkError(err);
    }
  };
}
