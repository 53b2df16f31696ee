// Every PostgreSQL advisory lock the server takes, in one place, so no two purposes share an id.
// Transaction-scoped (pg_advisory_xact_lock): held until the writer's commit, so a sequence stamped
// under the lock is committed in the order it was stamped. Any constants shared by every instance.
export const LOCKS = {
  /** Migrations: one instance migrates, the others wait. */
  migrate: 7_351_729,
  /** Catalogue writers: sequence order == commit order for catalogue replication. */
  catalogueWrite: 7_351_730,
  /** Account changes that could leave no active administrator. */
  administrators: 7_351_731,
  /** Application writers (submissions, office moves, corrections): `seq` order == commit order. */
  applicationsWrite: 7_351_740,
  /** Complaint writers: `seq` order == commit order. */
  complaintsWrite: 7_351_750,
  /** Upload declarations of one client address (with the address as second key): its bytes in flight. */
  uploadsInFlight: 7_351_760,
  /** Sign-in limits of one username (keyed): checked and counted as one step. */
  loginUsername: 7_351_770,
  /** Sign-in limits of one client address (keyed). */
  loginAddress: 7_351_771,
} as const;

export type LockName = keyof typeof LOCKS;

/** Takes the lock until the end of the caller's transaction. */
export async function lockUntilCommit(
  tx: { query(sql: string, params?: unknown[]): Promise<unknown> },
  name: LockName,
): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1)', [LOCKS[name]]);
}

/**
 * Takes the lock of one key of a kind (a username, an address) until the end of the caller's
 * transaction: PostgreSQL's two-number advisory lock, the kind's id and the key's hashtext. Two keys
 * with the same hash merely wait for each other.
 */
export async function lockKeyUntilCommit(
  tx: { query(sql: string, params?: unknown[]): Promise<unknown> },
  name: LockName,
  key: string,
): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1::int, hashtext($2))', [LOCKS[name], key]);
}
