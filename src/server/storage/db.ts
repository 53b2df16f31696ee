// The storage port: the little the server needs from a SQL database, met by PGlite and PostgreSQL alike.
import type { DatabaseKind } from '../../domain/api.ts';

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /**
   * For long reads that people wait on less than devices do (office reports, queue pages,
   * searches): they never hold up the rest. On PGlite (one statement at a time) they run only when
   * no other statement waits (see lanes.ts); on PostgreSQL they have a small pool of their own, so
   * however many run at once, they never take the connections device traffic needs.
   */
  readonly slowLane: Queryable;
  /** Runs `work` in one transaction; rolls back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only (several servers may share it): calls `onPayload` for every NOTIFY on `channel`,
   * from a connection of its own that reconnects after a drop; returns how to stop listening.
   */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
