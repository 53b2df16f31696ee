// A long screen drawn in stages, one per frame: its top first, the parts below the first view in the
// frames after. Drawn at once, a service standard (requirements, procedure, ten offices' hours and
// contacts) was one long render and one long layout on a slow phone, and taps and keys waited behind
// them; in stages each is a short task.
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { isPrinting } from './print-state.ts';

/**
 * Shows `children` `frames` paints after it first rendered (Preact runs effects after the next
 * frame). Only this component re-renders meanwhile, never the screen around it. A print shows it at
 * once: `beforeprint` re-renders before the browser lays out the paper.
 */
export function Later({ frames, children }: { frames: number; children: ComponentChildren }) {
  // Drawn inside a print (a part of a part drawn for one): at once.
  const [waited, setWaited] = useState(() => (isPrinting() ? frames : 0));
  useEffect(() => {
    // An update, not a value: a print may have shown everything since this effect was scheduled.
    if (waited < frames) setWaited((w) => Math.min(frames, w + 1));
  }, [waited, frames]);
  useLayoutEffect(() => {
    if (waited >= frames) return;
    const now = () => setWaited(frames);
    window.addEventListener('beforeprint', now);
    return () => window.removeEventListener('beforeprint', now);
  }, [waited, frames]);
  return waited >= frames ? children : null;
}
