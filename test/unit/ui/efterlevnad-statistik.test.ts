import { describe, expect, it } from 'vitest';
import { andel, kalenderdagar, median, percentil, sammaSvenskDag } from '../../../ui/revision/efterlevnad/statistik.ts';

describe('Swedish calendar days', () => {
  it('same day across the change to summer time (2026-03-29, a day of 23 hours)', () => {
    // received 00:30 CET, confirmed 23:59 CEST: the same Swedish day
    expect(sammaSvenskDag('2026-03-29T00:30:00+01:00', '2026-03-29T23:59:00+02:00')).toBe(true);
    expect(sammaSvenskDag('2026-03-28T23:30:00Z', '2026-03-29T21:59:59Z')).toBe(true);
    // 00:00 CEST on the 30th is already the next day, though only 23 hours after midnight on the 29th
    expect(sammaSvenskDag('2026-03-29T00:00:00+01:00', '2026-03-29T22:00:00Z')).toBe(false);
  });

  it('same day across the change back to winter time (2026-10-25, a day of 25 hours)', () => {
    expect(sammaSvenskDag('2026-10-25T00:10:00+02:00', '2026-10-25T23:50:00+01:00')).toBe(true);
    expect(sammaSvenskDag('2026-10-24T22:10:00Z', '2026-10-25T22:59:59Z')).toBe(true);
    expect(sammaSvenskDag('2026-10-25T12:00:00+01:00', '2026-10-25T23:00:00Z')).toBe(false);
  });

  it('counts calendar days, so days of 23 and 25 hours count as one', () => {
    expect(kalenderdagar('2026-03-28T12:00:00+01:00', '2026-03-30T08:00:00+02:00')).toBe(2);
    expect(kalenderdagar('2026-10-24T23:30:00+02:00', '2026-10-26T00:30:00+01:00')).toBe(2);
    expect(kalenderdagar('2026-11-26T08:00:00+01:00', '2026-11-26T23:00:00+01:00')).toBe(0);
    expect(kalenderdagar('2026-02-26T08:00:00+01:00', '2026-03-26T08:00:00+01:00')).toBe(28);
  });
});

describe('median and the 90th percentile (nearest rank)', () => {
  it('median: the middle value, the mean of the two middle ones for an even count', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([30, 33])).toBe(31.5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('p90: the smallest observed value with at least 90 % of the values at or below it', () => {
    expect(percentil([], 90)).toBeNull();
    expect(percentil([5], 90)).toBe(5);
    expect(percentil([30, 33], 90)).toBe(33); // rank ⌈1.8⌉ = 2
    expect(percentil([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9); // rank 9
    expect(percentil([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 11], 90)).toBe(10); // rank ⌈9.9⌉ = 10
    expect(percentil([3, 1, 2], 50)).toBe(2);
    expect(() => percentil([1], 0)).toThrow();
  });

  it('shares in per cent with one decimal', () => {
    expect(andel(1, 3)).toBe(33.3);
    expect(andel(2, 3)).toBe(66.7);
    expect(andel(0, 0)).toBeNull();
    expect(andel(3, 3)).toBe(100);
  });
});
