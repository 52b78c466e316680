import { type EngineRest, EngineRestError } from '../../engine-rest/client.ts';
import { retryOnConcurrentModification } from '../../engine-rest/concurrency.ts';
import { HistoryQueries } from '../../engine-rest/history.ts';
import { RepositoryQueries } from '../../engine-rest/repository.ts';
import { RuntimeQueries } from '../../engine-rest/runtime.ts';
import type { AuthenticationResult, GroupMemberships, MessageCorrelationResult } from '../../engine-rest/types.ts';
import { toVariables, type PlainValue } from '../../engine-rest/variables.ts';

/**
 * The UI's one way to the engine, as its technical user. Bokvar decides who may
 * see which case (ui/auth/roller.ts); the engine is asked as one user so that
 * caseworkers need no extra engine grants. Reads go through the typed queries
 * (`history`, `runtime`, `repository`); the few things the UI tells the engine
 * are the methods below.
 */
export class Engine {
  readonly history: HistoryQueries;
  readonly runtime: RuntimeQueries;
  readonly repository: RepositoryQueries;

  /** `rest` is public for the modules shared with the workers and scripts, which take the client itself. */
  constructor(readonly rest: EngineRest) {
    this.history = new HistoryQueries(rest);
    this.runtime = new RuntimeQueries(rest);
    this.repository = new RepositoryQueries(rest);
  }

  /** True when the engine accepts the user's password. */
  async verifyPassword(user: string, password: string): Promise<boolean> {
    const result = await this.rest.post<AuthenticationResult>('/identity/verify', { username: user, password });
    return result.authenticated === true;
  }

  /** The user's groups' ids, sorted. */
  async groups(user: string): Promise<string[]> {
    const result = await this.rest.get<GroupMemberships>('/identity/groups', { userId: user });
    return result.groups.map((g) => g.id).sort();
  }

  /** Starts (or continues) by message; returns the process instance id. */
  async correlate(messageName: string, businessKey: string, variables: Record<string, PlainValue>): Promise<string> {
    const results = await retryOnConcurrentModification(() =>
      this.rest.post<MessageCorrelationResult[]>('/message', {
        messageName,
        businessKey,
        processVariables: toVariables(variables),
        resultEnabled: true,
      }),
    );
    const first = results[0];
    return first?.processInstance?.id ?? first?.execution?.processInstanceId ?? '';
  }

  /**
   * The åtagande was marked sent: its process (the instance that wrote it)
   * learns of it. The variable first, so that a process that reaches its wait
   * later sees it; then the message, which only a process waiting for this very
   * letter (correlation key `brevIdAtagande`) takes. An ended instance, or one
   * not waiting, is not an error.
   */
  async notifyLetterSent(processInstanceId: string, brevId: string): Promise<void> {
    if (!(await this.isRunning(processInstanceId))) return;
    await retryOnConcurrentModification(() =>
      this.rest.post(`/process-instance/${processInstanceId}/variables`, {
        modifications: toVariables({ atagandeSkickatBrevId: brevId }),
      }),
    );
    // 400: nothing waits for this letter. Either the process has not reached its
    // wait (it then sees the variable at the gateway before it), or it is just
    // entering it in a transaction not yet committed, after it read the variable:
    // asking again a moment later closes that gap; after that, nothing waits.
    for (let attempt = 1; attempt <= 4; attempt++) {
      try {
        await retryOnConcurrentModification(() =>
          this.rest.post('/message', {
            messageName: 'brev-skickat',
            processInstanceId,
            correlationKeys: toVariables({ brevIdAtagande: brevId }),
          }),
        );
        return;
      } catch (error) {
        if (!isEngineError(error, 400)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** True while the process instance runs; false once it has ended (or never existed). */
  async isRunning(processInstanceId: string): Promise<boolean> {
    try {
      await this.runtime.processInstance(processInstanceId);
      return true;
    } catch (error) {
      if (isEngineError(error, 404)) return false;
      throw error;
    }
  }
}

/**
 * The engine's answer when nothing in the case waits for the message: 400
 * (MismatchingMessageCorrelationException), or 500 when a concurrent event took
 * the subscription away between the engine's lookup and its delivery.
 */
export function isNothingWaiting(error: unknown): boolean {
  return isEngineError(error) && (error.status === 400 || (error.status === 500 && /Cannot correlate|does not have a subscription|no subscription/i.test(error.message)));
}

/** An error answer from the engine (with this HTTP status, when given); not an unreachable engine. */
export function isEngineError(error: unknown, status?: number): error is EngineRestError {
  return error instanceof EngineRestError && (status === undefined || error.status === status);
}
