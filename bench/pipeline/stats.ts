/** Percentiles as the other benchmarks take them (the sample at floor(q·(n−1)) of the sorted list). */
export function percentile(values: number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))];
}

export const ms = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(0));

/** "p50 / p95" in milliseconds. */
export const p50p95 = (values: number[]) => `${ms(percentile(values, 0.5))} / ${ms(percentile(values, 0.95))}`;

/** ✓ or ✗ for a target; – when there was nothing to judge. */
export const met = (ok: boolean | undefined) => (ok === undefined ? '–' : ok ? '✓' : '✗');

export const sleep = (msDelay: number) => new Promise((resolve) => setTimeout(resolve, msDelay));

/** Runs `work` for every item, `parallel` at a time, in the items' order. */
export async function inParallel<T>(items: T[], parallel: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i]!, i);
      }
    }),
  );
}
