// PostgreSQL through node-postgres: the choice for scale, where many stateless servers share one database.
import pg from 'pg';
import type { Database, Queryable, Row } from './db.ts';
import { PG_DATE, PG_TIMESTAMP, PG_TIMESTAMPTZ, timestampToIso } from './timestamps.ts';

/** Timestamps as ISO strings (see timestamps.ts), dates as text; json and jsonb parsed, as by default. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_TIMESTAMPTZ || oid === PG_TIMESTAMP) return timestampToIso;
    if (oid === PG_DATE) return (text: string) => text;
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
} as pg.CustomTypesConfig;

/** Connections for everything but the slow lane: device traffic, submissions, office writes. */
export const POOL_CONNECTIONS = 10;
/**
 * Connections of the slow lane (long office reads), a pool of their own: however many reports
 * administrators open at once, they queue for this one and never take the POOL_CONNECTIONS. One,
 * because a report keeps a database core busy for as long as it runs: with two, two administrators
 * kept a two-core server's cores busy and device pulls waited for CPU (p95 ×3-5 under that load);
 * office reads are short statements (the dashboard reads 500 applications per statement), so a queue
 * page waits for one of them, not for a whole report.
 */
export const SLOW_LANE_CONNECTIONS = 1;

/** Statements on a pool (each on whichever connection is free) or on one client (a transaction). */
function queryable(on: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      const res = await on.query(sql, params);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await on.query(sql);
    },
  };
}

export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_CONNECTIONS, types });
  const slowPool = new pg.Pool({ connectionString: url, max: SLOW_LANE_CONNECTIONS, types });
  // An idle connection can be cut by the database (restart, failover, an administrator): the pool
  // drops that client and opens another on the next query. Without a listener, node-postgres turns
  // the event into an uncaught exception that would stop the whole server.
  pool.on('error', () => undefined);
  slowPool.on('error', () => undefined);
  // Fail at start, not at the first request, when the database cannot be reached.
  await pool.query('select 1');
  const q = queryable(pool);
  return {
    kind: 'postgres',
    query: q.query,
    exec: q.exec,
    slowLane: queryable(slowPool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(queryable(client));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    listen: (channel, onPayload) => listen(url, channel, onPayload),
    async close() {
      await Promise.all([pool.end(), slowPool.end()]);
    },
  };
}

/** A dedicated connection (a pooled one would be handed to other queries) that LISTENs, and comes back after a drop. */
async function listen(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload) onPayload(n.payload);
    });
    c.on('error', () => {
      if (client === c) client = undefined;
      c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(reconnect, 1000);
    });
    await c.connect();
    await c.query(`listen ${pg.escapeIdentifier(channel)}`);
    if (stopped) return void (await c.end());
    client = c;
  };
  const reconnect = () => {
    connect().catch(() => {
      if (!stopped) retry = setTimeout(reconnect, 1000);
    });
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
