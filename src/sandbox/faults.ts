// Seeded fault injection: which requests fail, and how.
export const FAULT_KINDS = ['http500', 'http502', 'http503', 'bare429', 'reset', 'truncatedGzip', 'html', 'stall'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** mulberry32: small, fast, deterministic for a given seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws, per request, whether it fails (probability `rate`) and which kind. */
export class FaultInjector {
  private readonly random: () => number;
  constructor(
    private readonly rate: number,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  next(): FaultKind | undefined {
    if (this.rate <= 0) return undefined;
    // Two draws per request whatever the outcome, so the sequence depends only on the seed.
    const hit = this.random() < this.rate;
    const kind = FAULT_KINDS[Math.floor(this.random() * FAULT_KINDS.length)];
    return hit ? kind : undefined;
  }
}
