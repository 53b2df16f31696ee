// Rate-limit buckets: how much of a rule's allowance a key has used, by GCRA (the generic cell rate
// algorithm, a token bucket kept as one time per key: the "theoretical arrival time" `tat`). A rule
// allows `limit` units per `perSeconds`, all at once if need be (a field officer's whole sync), and
// refills steadily. A take of `cost` units is allowed when it keeps tat − now within the period.
//
// Two stores with one behaviour: in memory (PGlite: one process owns the data, so one process sees
// every request), and in PostgreSQL (several servers share the database, so they share the counts:
// one upsert per key, on an unlogged table — losing counts in a database crash costs nothing).

/** Units per period. */
export type Rule = { limit: number; perSeconds: number };

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface Buckets {
  take(key: string, cost: number, rule: Rule): Promise<Take>;
}

const secondsPerUnit = (rule: Rule) => rule.perSeconds / rule.limit;

/** A cost above the whole allowance can never pass: it waits as long as the period. */
const tooLarge = (cost: number, rule: Rule): Take | null =>
  cost > rule.limit ? { ok: false, retryAfterSeconds: rule.perSeconds } : null;

export class MemoryBuckets implements Buckets {
  readonly #tat = new Map<string, number>();
  #takes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, cost: number, rule: Rule): Promise<Take> {
    const refused = tooLarge(cost, rule);
    if (refused) return refused;
    const now = this.now();
    if (++this.#takes % 1000 === 0) this.#prune(now);
    const next = Math.max(this.#tat.get(key) ?? now, now) + cost * secondsPerUnit(rule) * 1000;
    const over = next - now - rule.perSeconds * 1000;
    if (over > 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(over / 1000)) };
    this.#tat.set(key, next);
    return { ok: true };
  }

  /** Keys whose allowance is whole again hold no information: forget them. */
  #prune(now: number): void {
    for (const [key, tat] of this.#tat) if (tat <= now) this.#tat.delete(key);
  }

  get size(): number {
    return this.#tat.size;
  }
}

type Query = { query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> };

export class PostgresBuckets implements Buckets {
  #takes = 0;

  constructor(private readonly db: Query) {}

  async take(key: string, cost: number, rule: Rule): Promise<Take> {
    const refused = tooLarge(cost, rule);
    if (refused) return refused;
    const step = cost * secondsPerUnit(rule);
    // One statement: the row lock of the upsert makes concurrent takes of one key (on any server) queue.
    const taken = await this.db.query(
      `insert into rate_limits as r (key, tat) values ($1, now() + make_interval(secs => $2))
       on conflict (key) do update set tat = greatest(r.tat, now()) + make_interval(secs => $2)
         where greatest(r.tat, now()) + make_interval(secs => $2) <= now() + make_interval(secs => $3)
       returning 1 as ok`,
      [key, step, rule.perSeconds],
    );
    if (++this.#takes % 1000 === 0)
      await this.db.query('delete from rate_limits where tat < now()').catch(() => undefined);
    if (taken.length > 0) return { ok: true };
    const [row] = await this.db.query<{ wait: number }>(
      `select extract(epoch from (greatest(tat, now()) + make_interval(secs => $2) - now() - make_interval(secs => $3)))::float8 as wait
       from rate_limits where key = $1`,
      [key, step, rule.perSeconds],
    );
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(row?.wait ?? 1)) };
  }
}
