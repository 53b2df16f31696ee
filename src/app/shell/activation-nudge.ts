// Chromium swaps in a waiting version that called skipWaiting() only once the old version stops,
// and asks the old one to stop as soon as it is idle. But if a fetch from any tab reaches the old
// version while it is stopping, Chromium starts it again with its normal 30 s idle timer and no
// longer asks it to hurry: while some tab keeps fetching (a sync, another tab starting up) the
// update the user tapped for waits up to 5 minutes (measured: 300 s with a second tab fetching every
// 10 ms, 1.1 s with it quiet). A navigation inside the scope makes Chromium ask again
// (ServiceWorkerControlleeRequestHandler calls ActivateWaitingVersionWhenReady), so while the new
// version still waits, a hidden frame loads the server's health check now and then.
const FIRST_TRIES = 30;
const FIRST_EVERY_MS = 1_000;
const THEN_EVERY_MS = 15_000;
/** In the scope, outside the app's navigation route: the old worker passes it to the server. */
const NUDGE_URL = '/api/health';

const nudging = new WeakSet<ServiceWorkerRegistration>();

export function nudgeActivation(registration: ServiceWorkerRegistration): void {
  // A second tap on the same banner keeps the first round of nudges.
  if (nudging.has(registration)) return;
  nudging.add(registration);
  let tries = 0;
  const next = () =>
    setTimeout(
      () => {
        // Nothing waits once the new version has taken over (and this page reloads).
        if (!registration.waiting) return;
        tries += 1;
        loadHidden(NUDGE_URL);
        next();
      },
      tries < FIRST_TRIES ? FIRST_EVERY_MS : THEN_EVERY_MS,
    );
  next();
}

function loadHidden(url: string): void {
  const frame = document.createElement('iframe');
  // Not drawn, not focusable, not in the accessibility tree.
  frame.hidden = true;
  const remove = () => frame.remove();
  frame.addEventListener('load', remove, { once: true });
  // Offline, or a server that does not answer: the frame must not stay behind either.
  setTimeout(remove, 10_000);
  frame.src = url;
  document.body.append(frame);
}
