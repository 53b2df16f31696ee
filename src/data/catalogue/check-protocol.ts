// What the page hands the catalogue check and what it gets back. The check runs where the device
// database is open — a worker of its own (catalogue.worker.ts), or the page where there is none —
// and the page keeps what only it has: localStorage (which collections were seen at which change
// number, when the last sync was), the answers of the first pull it started with the app, and the
// screens that show the catalogue's copy.
import type { CatalogueCollection } from '../../domain/catalogue/collections.ts';
import type { PullPage } from './first-pull.ts';
import type { CatalogueSnapshot } from './snapshot.ts';

export type CheckResult = 'unchanged' | 'updated' | 'offline' | 'failed';

/** The change number of each collection the device has pulled up to (as the server's head said). */
export type Seen = Partial<Record<CatalogueCollection, number>>;

export type CheckInput = {
  seen: Seen;
  /** The server's head as the first pull fetched it, if this is the first check of an empty device. */
  head?: unknown;
  /** The first page of each collection the first pull fetched: taken instead of asking again. */
  firstPages: Partial<Record<CatalogueCollection, PullPage>>;
  /** The screens' copy was written from exactly those first pages (first-pull.ts `firstCatalogue`). */
  copyFromFirstPages: boolean;
};

export type CheckOutput = {
  result: CheckResult;
  seen: Seen;
  /** The screens' copy, when the check wrote a new one: the page shows it. */
  snapshot?: CatalogueSnapshot;
};

export type CheckRequest = { id: number; input: CheckInput };
export type CheckReply = { id: number; output: CheckOutput } | { id: number; error: string };
