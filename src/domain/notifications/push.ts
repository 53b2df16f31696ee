// A device asks to hear of one of its records with the app closed: the browser's push subscription
// (RFC 8030 endpoint, RFC 8291 keys) for an application or a complaint, proved by that record's secret.
import { z } from 'zod';

/** base64url without padding, as PushSubscription.toJSON() writes keys. */
const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'base64url');

export const BrowserPushSubscription = z.object({
  /** The push service's URL for this device: https in production (a push service is never plain http). */
  endpoint: z.url({ protocol: /^https?$/ }).max(1000),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    /** The device's P-256 public key, uncompressed (65 bytes: 87 characters). */
    p256dh: Base64Url.length(87),
    /** The device's 16-byte authentication secret (22 characters). */
    auth: Base64Url.length(22),
  }),
});
export type BrowserPushSubscription = z.infer<typeof BrowserPushSubscription>;

export const PushTarget = z.object({ kind: z.enum(['application', 'complaint']), id: z.uuid() });
export type PushTarget = z.infer<typeof PushTarget>;

export const PushFollowRequest = z.object({
  target: PushTarget,
  /** The record's secret (its SHA-256 was sent with the record): only the device that sent it knows it. */
  secret: z.string().regex(/^[0-9a-f]{64}$/, 'the record secret'),
  subscription: BrowserPushSubscription,
});
export type PushFollowRequest = z.infer<typeof PushFollowRequest>;

export const PushUnfollowRequest = z.object({
  target: PushTarget,
  secret: PushFollowRequest.shape.secret,
  endpoint: BrowserPushSubscription.shape.endpoint,
});
export type PushUnfollowRequest = z.infer<typeof PushUnfollowRequest>;

/** The server's VAPID public key (applicationServerKey), or that push is not configured. */
export const PushKeyResponse = z.object({ publicKey: z.string().nullable() });

/** Devices that may follow one record: a resident's phone and a few more (a family member's, a new phone). */
export const PUSH_DEVICES_PER_RECORD = 5;
