// A pause in what the resident does: no key, no touch for a moment. Heavy starts (the app behind a
// screen copy, the device database behind a form shown from its copy, the background work) wait for
// one, so the work of a slow phone lands between bursts of typing instead of holding each key back.
// In the entry chunk: it hears the page's first key.

/** How long the page must be left alone. */
export const PAUSE_MS = 500;
const ACTIVITY = ['keydown', 'input', 'pointerdown', 'compositionupdate'] as const;

let lastActivity = Number.NEGATIVE_INFINITY;
const onActivity = new Set<() => void>();
if (typeof document !== 'undefined') {
  for (const type of ACTIVITY) {
    document.addEventListener(
      type,
      () => {
        lastActivity = performance.now();
        for (const heard of onActivity) heard();
      },
      { capture: true, passive: true },
    );
  }
}

/**
 * Resolves once nothing was typed or touched for `PAUSE_MS`, or after `atTheLatestMs` however busy
 * the resident is. `from: 'now'` counts the pause from this call (a screen just shown: give the
 * resident a moment to start); `'last-activity'` only from the last key or touch (work already due).
 */
export function whenLeftAlone(atTheLatestMs: number, from: 'now' | 'last-activity'): Promise<void> {
  const since = from === 'now' ? performance.now() : Number.NEGATIVE_INFINITY;
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(timer);
      clearTimeout(latest);
      onActivity.delete(wait);
      resolve();
    };
    const check = () => {
      const left = Math.max(since, lastActivity) + PAUSE_MS - performance.now();
      if (left <= 0) done();
      else wait(left);
    };
    function wait(ms = PAUSE_MS) {
      clearTimeout(timer);
      timer = setTimeout(check, ms);
    }
    const latest = setTimeout(done, atTheLatestMs);
    onActivity.add(wait);
    check();
  });
}
