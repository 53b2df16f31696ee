// Moves focus to the screen's heading when it appears, so a screen reader announces the new screen.
import { useEffect, useRef } from 'preact/hooks';

/** `screen` names what the heading heads (a record, a step): when it changes, the heading takes focus again. */
export function useHeadingFocus<T extends HTMLElement = HTMLHeadingElement>(screen: unknown = null) {
  const ref = useRef<T>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies(screen): the screen is what the effect runs for, not a value it reads: the next screen often keeps the same heading element, which must take focus again
  useEffect(() => {
    ref.current?.focus();
  }, [screen]);
  return ref;
}
