import { DateTime } from 'luxon';
import { svensktDatum } from '../../../domain/svensk-tid.ts';

/**
 * The compliance report's arithmetic, kept pure so that its definitions can be
 * tested exactly: Swedish calendar days and the percentiles it states. The
 * Swedish date of a moment and a day's bounds are domain/svensk-tid.ts's.
 */

/** True when both moments fall on the same calendar day in Sweden (daylight saving included). */
export function sammaSvenskDag(a: string | Date, b: string | Date): boolean {
  return svensktDatum(a) === svensktDatum(b);
}

/**
 * Whole calendar days from the Swedish date of `fran` to that of `till`:
 * 0 the same day, 1 the next day. Counted on dates, so a day of 23 or 25 hours
 * (the change to and from summer time) is one day like any other.
 */
export function kalenderdagar(fran: string | Date, till: string | Date): number {
  const a = DateTime.fromISO(svensktDatum(fran), { zone: 'UTC' });
  const b = DateTime.fromISO(svensktDatum(till), { zone: 'UTC' });
  return Math.round(b.diff(a, 'days').days);
}

/** The median: the middle value, or the mean of the two middle values when there are an even number. */
export function median(varden: readonly number[]): number | null {
  if (varden.length === 0) return null;
  const s = [...varden].sort((x, y) => x - y);
  const mitt = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mitt]! : (s[mitt - 1]! + s[mitt]!) / 2;
}

/**
 * The p-th percentile by the nearest-rank method: the smallest value such that
 * at least p % of the values are less than or equal to it (rank ⌈p/100 · n⌉).
 * Always one of the observed values, never an interpolation.
 */
export function percentil(varden: readonly number[], p: number): number | null {
  if (varden.length === 0) return null;
  if (!(p > 0 && p <= 100)) throw new Error(`Percentilen ska vara i (0, 100]: ${p}`);
  const s = [...varden].sort((x, y) => x - y);
  return s[Math.ceil((p / 100) * s.length) - 1]!;
}

/** A share in per cent with one decimal, or null when there is nothing to divide by. */
export function andel(del: number, helhet: number): number | null {
  return helhet === 0 ? null : Math.round((1000 * del) / helhet) / 10;
}
