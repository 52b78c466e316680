import { createHmac, randomBytes } from 'node:crypto';

/**
 * A uniformly random sample without replacement, reproducible from its seed.
 *
 * The population is the read-log row ids in ascending order. Random numbers
 * come from HMAC-SHA256(seed, counter), four bytes at a time; an index below n
 * is drawn by rejection (values from the incomplete last block of 2^32 are
 * thrown away), so every index is equally likely. A partial Fisher–Yates
 * shuffle takes the first `antal` of the shuffled population. Whoever has the
 * seed and the population can redo the draw and get the same rows.
 */
export function newSeed(): string {
  return randomBytes(16).toString('hex');
}

class RandomSource {
  private block = Buffer.alloc(0);
  private offset = 0;
  private counter = 0;

  constructor(private readonly seed: string) {}

  private uint32(): number {
    if (this.offset + 4 > this.block.length) {
      this.block = createHmac('sha256', this.seed).update(String(this.counter++)).digest();
      this.offset = 0;
    }
    const value = this.block.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /** A uniform integer in [0, n), n ≤ 2^32. */
  below(n: number): number {
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const value = this.uint32();
      if (value < limit) return value % n;
    }
  }
}

/** The drawn ids, ascending. `population` must be in ascending order. */
export function draw<T extends number | string>(population: readonly T[], antal: number, seed: string): T[] {
  const urval = [...population];
  const k = Math.min(antal, urval.length);
  const random = new RandomSource(seed);
  for (let i = 0; i < k; i++) {
    const j = i + random.below(urval.length - i);
    [urval[i], urval[j]] = [urval[j]!, urval[i]!];
  }
  return urval.slice(0, k).sort((a, b) => Number(a) - Number(b));
}
