// Moves focus to the screen's heading when it appears, so a screen reader announces the new screen.
import { useEffect, useRef } from 'preact/hooks';

export function useHeadingFocus<T extends HTMLElement = HTMLHeadingElement>(key: unknown = null) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [key]);
  return ref;
}
