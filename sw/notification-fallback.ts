// What every push shows when its payload cannot be read as a notice: Chromium requires a notification
// for every push. Shared by the worker's small script and its on-demand part.

/** Icons vite-plugin-pwa generates from public/icon.svg (precached with the shell). */
export const ICON = '/pwa-192x192.png';
export const BADGE = '/pwa-64x64.png';

export const FALLBACK_NOTIFICATION: { title: string; options: NotificationOptions } = {
  title: 'Nusa Layan',
  options: {
    body: 'Ada kabar baru tentang permohonan Anda.',
    icon: ICON,
    badge: BADGE,
    data: { url: '/permohonan' },
  },
};
