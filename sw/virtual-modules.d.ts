// Modules generated while the service worker is built (see vite.config.ts).

declare module 'virtual:sw-on-demand-url' {
  /** The path of the worker's on-demand script (src/app/build/on-demand-script-plugin.ts). */
  export const url: string;
  /** The name of the global the script's exports land on. */
  export const global: string;
}
