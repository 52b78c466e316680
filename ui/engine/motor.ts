import { EngineRest, EngineRestError } from '../../engine-rest/client.ts';
import { isConcurrentModification, retryOnConcurrentModification } from '../../engine-rest/concurrency.ts';
import { toVariables, type PlainValue } from '../../engine-rest/variables.ts';

/**
 * The UI's access to the engine, as its technical user. Bokvar decides who may
 * see which case (ui/auth/roller.ts); the engine is asked as one user so that
 * caseworkers need no extra engine grants.
 */
export type Varde = PlainValue;

export class Motor {
  constructor(readonly rest: EngineRest) {}

  /** True when the engine accepts the user's password. */
  async verifiera(anvandare: string, losenord: string): Promise<boolean> {
    const result = await this.rest.post<{ authenticated: boolean }>('/identity/verify', { username: anvandare, password: losenord });
    return result.authenticated === true;
  }

  async grupper(anvandare: string): Promise<string[]> {
    const result = await this.rest.get<{ groups: { id: string }[] }>('/identity/groups', { userId: anvandare });
    return result.groups.map((g) => g.id).sort();
  }

  /** Starts (or continues) by message; returns the process instance id. */
  async korrelera(messageName: string, businessKey: string, variabler: Record<string, Varde>): Promise<string> {
    const results = await medOmforsok(() =>
      this.rest.post<{ processInstance?: { id: string }; execution?: { processInstanceId: string } }[]>('/message', {
        messageName,
        businessKey,
        processVariables: toVariables(variabler),
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
  async brevSkickat(processInstanceId: string, brevId: string): Promise<void> {
    if (!(await this.pagar(processInstanceId))) return;
    await medOmforsok(() =>
      this.rest.post(`/process-instance/${processInstanceId}/variables`, {
        modifications: toVariables({ atagandeSkickatBrevId: brevId }),
      }),
    );
    // 400: nothing waits for this letter. Either the process has not reached its
    // wait (it then sees the variable at the gateway before it), or it is just
    // entering it in a transaction not yet committed, after it read the variable:
    // asking again a moment later closes that gap; after that, nothing waits.
    for (let forsok = 1; forsok <= 4; forsok++) {
      try {
        await medOmforsok(() =>
          this.rest.post('/message', {
            messageName: 'brev-skickat',
            processInstanceId,
            correlationKeys: toVariables({ brevIdAtagande: brevId }),
          }),
        );
        return;
      } catch (error) {
        if (!arMotorfel(error, 400)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** True while the process instance runs; false once it has ended (or never existed). */
  async pagar(processInstanceId: string): Promise<boolean> {
    try {
      await this.rest.get(`/process-instance/${processInstanceId}`);
      return true;
    } catch (error) {
      if (arMotorfel(error, 404)) return false;
      throw error;
    }
  }
}

/** The engine's answer when another transaction changed the same instance first (ENGINE-03005). */
export const arSamtidigAndring = isConcurrentModification;

const medOmforsok = retryOnConcurrentModification;

/**
 * The engine's answer when nothing in the case waits for the message: 400
 * (MismatchingMessageCorrelationException), or 500 when a concurrent event took
 * the subscription away between the engine's lookup and its delivery.
 */
export function arInteVantande(error: unknown): boolean {
  return arMotorfel(error) && (error.status === 400 || (error.status === 500 && /Cannot correlate|does not have a subscription|no subscription/i.test(error.message)));
}

export function arMotorfel(error: unknown, status?: number): error is EngineRestError {
  return error instanceof EngineRestError && (status === undefined || error.status === status);
}
