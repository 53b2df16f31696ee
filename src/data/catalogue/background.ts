// Entry point the shell loads after first paint: keep the catalogue fresh in the background (the
// device database is opened by the check, in its worker). The screens never wait for this; they show
// what the device has.
import { keepCatalogueFresh } from './sync.ts';

export async function startCatalogueSync(): Promise<() => void> {
  return keepCatalogueFresh();
}
