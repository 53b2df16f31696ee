// Modules generated at build time by Vite plugins (see vite.config.ts).

declare module 'virtual:district-codes' {
  /** Every district code of Indonesia as runs of district numbers per regency ("1101:1-18;…"). */
  export const DISTRICT_RUNS: string;
}

declare module 'virtual:rx-schemas' {
  /** Each device collection's RxDB JSON schema, computed from the domain's zod schemas at build time. */
  export const RX_SCHEMAS: Record<import('../data/collection-schemas.ts').CollectionName, unknown>;
}
