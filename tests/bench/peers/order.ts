// Pure helpers of the peers comparison: the interleaved run order and the ratios to Nusa Layan.

/** Runs interleaved A B C A B C …: each contestant meets the machine's load in every stretch of the bench. */
export function interleave<T>(contestants: readonly T[], runs: number): T[] {
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs must be a positive integer, got ${runs}`);
  const order: T[] = [];
  for (let i = 0; i < runs; i++) order.push(...contestants);
  return order;
}

/** A peer's median over the base's (> 1: the peer is slower), rounded to two decimals. */
export function ratio(peerMs: number, baseMs: number): number {
  if (!(baseMs > 0) || !(peerMs >= 0)) throw new Error(`cannot compare ${peerMs} ms with ${baseMs} ms`);
  return Math.round((peerMs / baseMs) * 100) / 100;
}
