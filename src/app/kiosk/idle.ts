// The kiosk's idle time-out: after `idleMs` without input the session is wiped; the last `warnMs`
// show a warning with a countdown. Both can be shortened on a device (tests, a busy office) through
// localStorage keys read only by the kiosk.
import { useEffect, useRef, useState } from 'preact/hooks';

export const DEFAULT_IDLE_MS = 3 * 60_000;
export const DEFAULT_WARN_MS = 30_000;
const IDLE_KEY = 'nusa-layan.kiosk.idleSeconds';
const WARN_KEY = 'nusa-layan.kiosk.warnSeconds';

export type IdleSettings = { idleMs: number; warnMs: number };

export function idleSettings(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): IdleSettings {
  const read = (key: string) => {
    try {
      const n = Number(storage?.getItem(key));
      return Number.isFinite(n) && n > 0 ? n * 1000 : undefined;
    } catch {
      return undefined;
    }
  };
  const idleMs = read(IDLE_KEY) ?? DEFAULT_IDLE_MS;
  const warnMs = Math.min(read(WARN_KEY) ?? DEFAULT_WARN_MS, idleMs);
  return { idleMs, warnMs };
}

const INPUT_EVENTS = ['pointerdown', 'keydown', 'input', 'touchstart', 'wheel'] as const;

/**
 * While `active`, counts time since the last input. Returns the seconds left once the warning is
 * due (null before), and `reset` for the "Saya masih di sini" button; calls `onTimeout` at zero.
 */
export function useIdleTimeout(
  active: boolean,
  settings: IdleSettings,
  onTimeout: () => void,
): { secondsLeft: number | null; reset(): void } {
  const last = useRef(Date.now());
  const fired = useRef(false);
  const timeout = useRef(onTimeout);
  timeout.current = onTimeout;
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);

  useEffect(() => {
    if (!active) {
      setSecondsLeft(null);
      return;
    }
    last.current = Date.now();
    fired.current = false;
    const onInput = () => {
      last.current = Date.now();
    };
    for (const e of INPUT_EVENTS) document.addEventListener(e, onInput, { capture: true, passive: true });
    const timer = setInterval(() => {
      const left = settings.idleMs - (Date.now() - last.current);
      if (left <= 0) {
        if (!fired.current) {
          fired.current = true;
          setSecondsLeft(null);
          timeout.current();
        }
        return;
      }
      setSecondsLeft(left <= settings.warnMs ? Math.ceil(left / 1000) : null);
    }, 250);
    return () => {
      for (const e of INPUT_EVENTS) document.removeEventListener(e, onInput, { capture: true });
      clearInterval(timer);
    };
  }, [active, settings.idleMs, settings.warnMs]);

  return {
    secondsLeft,
    reset: () => {
      last.current = Date.now();
      setSecondsLeft(null);
    },
  };
}
