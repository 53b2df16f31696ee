// A push's payload as a system notification: a notice (tracking number, service, new state, the
// office's words) in Bahasa Indonesia, or the plain fallback for anything else. In the worker's
// on-demand part (sw/on-demand.ts): the notice's check needs zod and the domain.
import { Notice, pushNotificationText } from '../src/domain/notifications/notice.ts';
import { BADGE, FALLBACK_NOTIFICATION, ICON } from './notification-fallback.ts';

/**
 * A payload that is not a notice (a push sent by an older server, a cut payload) still shows a
 * notification — Chromium requires one for every push — that opens the list of applications.
 */
export function notificationOf(data: PushMessageData | null): { title: string; options: NotificationOptions } {
  let parsed: unknown;
  try {
    parsed = data?.json();
  } catch {
    parsed = undefined;
  }
  const notice = Notice.safeParse(parsed);
  if (!notice.success) return FALLBACK_NOTIFICATION;
  // The service worker cannot read the page's language choice: Bahasa Indonesia, the app's default.
  const { title, body } = pushNotificationText(notice.data, 'id');
  return {
    title,
    options: {
      body,
      lang: 'id',
      icon: ICON,
      badge: BADGE,
      // One notification per record: a newer state replaces the older one instead of piling up.
      tag: `nusa-layan:${notice.data.trackingNumber}`,
      data: { url: notice.data.url, trackingNumber: notice.data.trackingNumber, event: notice.data.event },
    },
  };
}
