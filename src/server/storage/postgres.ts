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

export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  // An idle connection can be cut by the database (restart, failover, an administrator): the pool
  // drops that client and opens another on the next query. Without a listener, node-postgres turns
  // the event into an uncaught exception that would stop the whole server.
  pool.on('error', () => undefined);
  // Fail at start, not at the first request, when the database cannot be reached.
  await pool.query('select 1');
  return {
    kind: 'postgres',
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      const res = await pool.query(sql, params);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const tx: Queryable = {
          async query<T extends Row>(sql: string, params: unknown[] = []) {
            return (await client.query(sql, params)).rows as T[];
          },
          async exec(sql: string) {
            await client.query(sql);
          },
        };
        const result = await work(tx);
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
    close: () => pool.end(),
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
