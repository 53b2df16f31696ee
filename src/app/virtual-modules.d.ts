// Modules generated at build time by Vite plugins (see vite.config.ts).

declare module 'virtual:district-codes' {
  /** Every district code of Indonesia, 6 digits without dots, sorted and concatenated. */
  export const DISTRICT_CODES: string;
}

declare module 'virtual:rx-schemas' {
  /** Each device collection's RxDB JSON schema, computed from the domain's zod schemas at build time. */
  export const RX_SCHEMAS: Record<import('../data/collection-schemas.ts').CollectionName, unknown>;
}
