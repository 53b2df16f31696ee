// Whether this page has loaded the device database's code (RxDB, Dexie, zod: the device-data chunk).
// Once it has — a form, the resident's applications, a kiosk — work that would otherwise go to a
// worker to keep that code off the page (the catalogue check) is cheaper here: the code is already
// evaluated, and a worker would download and evaluate it a second time. Tiny: the first screens'.
let loaded = false;

/** Called by the device database's module as it is evaluated. */
export function markDeviceDatabaseLoaded(): void {
  loaded = true;
}

export function deviceDatabaseLoaded(): boolean {
  return loaded;
}
