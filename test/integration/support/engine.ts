import { inject } from 'vitest';
import { EngineRest, EngineRestError } from '../../../engine-rest/client.ts';
import type { ProcessInstance } from '../../../engine-rest/types.ts';
import { toVariables } from '../../../engine-rest/variables.ts';
import { isConcurrentModification } from '../../../engine-rest/concurrency.ts';

export const stack = () => inject('stack');

export function engineAsAdmin(): EngineRest {
  return new EngineRest(stack().engineRestUrl, stack().admin);
}

/** A demo user (password = user id) or any user with a given password. */
export function engineAs(user: string, password = user): EngineRest {
  return new EngineRest(stack().engineRestUrl, { user, password });
}

export const typed = toVariables;

/**
 * Cancels a running instance as an administrator would. A worker may lock one of
 * its external tasks at the same moment; the engine then refuses the cancel
 * without changing anything, and it is safe to ask again.
 */
export async function cancelInstance(processInstanceId: string, query: Record<string, string | boolean> = {}): Promise<void> {
  for (let forsok = 1; ; forsok++) {
    try {
      await engineAsAdmin().delete(`/process-instance/${processInstanceId}`, query);
      return;
    } catch (error) {
      if (forsok < 5 && isConcurrentModification(error)) continue;
      throw error;
    }
  }
}

export async function startProcess(
  key: string,
  businessKey: string,
  variables: Record<string, string | number | boolean>,
): Promise<ProcessInstance> {
  return engineAsAdmin().post<ProcessInstance>(`/process-definition/key/${key}/start`, {
    businessKey,
    variables: typed(variables),
  });
}

/** Polls until `probe` returns a value that is not undefined, null or an empty array. */
export async function eventually<T>(what: string, probe: () => Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last !== undefined && last !== null && !(Array.isArray(last) && last.length === 0)) {
      return last as NonNullable<T>;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
}

let counter = 0;
/** A case number unique to this test run, so tests never see each other's instances. */
export function uniqueCaseNumber(prefix = 'TEST'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** The HTTP status an engine call ends with: 200 when it succeeds, the engine's status when it refuses. */
export async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    if (error instanceof EngineRestError) return error.status;
    throw error;
  }
}
