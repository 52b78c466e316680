import { EngineRestError } from './client.ts';

/**
 * A case's parallel paths (workers, timers, Tasklist, the intake) change its
 * instance at the same moments; the engine lets one transaction through and
 * refuses the other (HTTP 500, OptimisticLockingException) without changing
 * anything. Such a refused call is safe to repeat.
 */
export function isConcurrentModification(error: unknown): boolean {
  return error instanceof EngineRestError && error.status === 500 && CONCURRENT_CHANGE.test(`${error.engineType ?? ''} ${error.message}`);
}

/**
 * How the engine words such a refusal, for every client of it (this one, the
 * external-task client's errors in workers/run-safely.ts). A PostgreSQL
 * deadlock between the two is rolled back as well; the engine reports it as a
 * persistence error.
 */
export const CONCURRENT_CHANGE = /OptimisticLocking|ENGINE-03005|updated by another transaction concurrently|persistence layer/;

export async function retryOnConcurrentModification<T>(call: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt < attempts && isConcurrentModification(error)) {
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        continue;
      }
      throw error;
    }
  }
}
