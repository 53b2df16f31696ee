// Modules generated while the service worker is built (see vite.config.ts).

declare module 'virtual:sw-on-demand-url' {
  /** The path of the worker's on-demand script (src/app/build/on-demand-script-plugin.ts). */
  const url: string;
  export default url;
}
