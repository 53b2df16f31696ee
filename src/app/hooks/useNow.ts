// The current time, refreshed every minute, so "open now" and "updated 3 days ago" stay true on a
// screen left open.
import { useEffect, useState } from 'preact/hooks';

export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
