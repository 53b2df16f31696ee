// Modules generated at build time by Vite plugins (see vite.config.ts).

declare module 'virtual:district-codes' {
  /** Every district code of Indonesia, 6 digits without dots, sorted and concatenated. */
  export const DISTRICT_CODES: string;
}
