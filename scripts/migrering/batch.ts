import type { Batch, FailedJob, MigrationApi } from '../../engine-rest/migration.ts';

/**
 * Waiting for a migration batch: the engine's job executor runs one job per
 * instance; a job that fails is retried by the engine and, out of retries,
 * stays with its exception message. Done when every job has run or failed
 * for good (or the engine has removed the finished batch).
 */
export async function awaitBatch(api: MigrationApi, batch: Batch, timeoutMs: number): Promise<FailedJob[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await api.statistics(batch.id);
    if (!s) return [];
    if (s.jobsCreated === s.totalJobs && s.remainingJobs === s.failedJobs) {
      return s.failedJobs > 0 ? api.failedJobs(batch) : [];
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Batchen ${batch.id} blev inte klar inom ${Math.round(timeoutMs / 1000)} s (${s.completedJobs} av ${s.totalJobs} jobb klara). ` +
          'Den fortsätter i motorn; se Cockpit → Batches.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Why an instance was not moved: the failed job whose message names it, or, failing that, every failure message. */
export function reasonFor(processInstanceId: string, failed: FailedJob[]): string {
  const egna = failed.filter((j) => j.exceptionMessage?.includes(processInstanceId));
  const meddelanden = (egna.length > 0 ? egna : failed)
    .map((j) => j.exceptionMessage ?? 'okänt fel')
    .map((m) => m.replace(/\s+/g, ' ').trim());
  return meddelanden.length > 0 ? [...new Set(meddelanden)].join(' | ') : 'instansen kördes inte om (okänd orsak; se motorns logg)';
}
