import { describe, expect, it } from 'vitest';
import { draw, newSeed } from '../../../ui/revision/loggkontroll/stickprov.ts';
import { ttlDagar } from '../../../domain/gallring.ts';
import { iFonstret } from '../../../ui/gallring/schema.ts';

const population = Array.from({ length: 50 }, (_, i) => String(1000 + i * 3));

describe('stickprov: a uniformly random sample, reproducible from its seed', () => {
  it('the same seed and population give the same rows', () => {
    const seed = newSeed();
    expect(draw(population, 10, seed)).toEqual(draw(population, 10, seed));
  });

  it('another seed gives another sample', () => {
    expect(draw(population, 10, 'a'.repeat(32))).not.toEqual(draw(population, 10, 'b'.repeat(32)));
  });

  it('draws without replacement, from the population only, ascending', () => {
    const urval = draw(population, 20, newSeed());
    expect(new Set(urval).size).toBe(20);
    expect(urval.every((id) => population.includes(id))).toBe(true);
    expect([...urval].sort((a, b) => Number(a) - Number(b))).toEqual(urval);
  });

  it('asking for more rows than there are gives every row', () => {
    expect(draw(population, 500, newSeed())).toEqual(population);
    expect(draw([], 5, newSeed())).toEqual([]);
  });

  it('every row is equally likely to be drawn (chi-square, 20 000 draws of 3 of 10)', () => {
    const ids = Array.from({ length: 10 }, (_, i) => i + 1);
    const counts = new Map<number, number>();
    const runs = 20_000;
    for (let i = 0; i < runs; i++) for (const id of draw(ids, 3, `seed-${i}`)) counts.set(id, (counts.get(id) ?? 0) + 1);
    const expected = (runs * 3) / 10;
    const chi2 = ids.reduce((sum, id) => sum + ((counts.get(id) ?? 0) - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: 27.88 is the 0.999 quantile. Fixed seeds: the result is deterministic.
    expect(chi2).toBeLessThan(27.88);
  });
});

describe('the retention setting', () => {
  it('is a period in whole days', () => {
    expect(ttlDagar('P1826D')).toBe(1826);
    expect(() => ttlDagar('P5Y')).toThrow(/ISO 8601-period i dagar/);
  });

  it('Bokvar culls inside the engine cleanup window, 01:00–05:00 UTC', () => {
    expect(iFonstret(new Date('2026-11-27T00:59:59Z'))).toBe(false);
    expect(iFonstret(new Date('2026-11-27T01:00:00Z'))).toBe(true);
    expect(iFonstret(new Date('2026-11-27T04:59:59Z'))).toBe(true);
    expect(iFonstret(new Date('2026-11-27T05:00:00Z'))).toBe(false);
  });
});
