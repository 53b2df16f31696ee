// The worker's heavy part, a script of its own (src/app/build/on-demand-script-plugin.ts): built as
// an IIFE whose exports land on the worker's global, read through sw/on-demand-loader.ts.
export { drainOutbox } from '../src/data/outbox/drain.ts';
export { notificationOf } from './notification-of.ts';
