// When the catalogue was last confirmed current on this device; updates when a sync succeeds.
import { useEffect, useState } from 'preact/hooks';
import { lastCatalogueSync, onCatalogueSync } from '../../data/sync-status.ts';

export function useLastSync(): Date | null {
  const [at, setAt] = useState(() => lastCatalogueSync());
  useEffect(() => onCatalogueSync(setAt), []);
  return at;
}
