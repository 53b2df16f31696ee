// The tag the outbox's Background Sync is registered under: the page registers it, the service worker
// answers it. A module of its own so the worker's small script need not bundle the drain for it.
export const SYNC_TAG = 'nusa-layan-outbox';
