import { z } from 'zod';
import type { WorkerDependencies } from '../dependencies.ts';
import { listaAv } from '../formularindata.ts';
import { defineTopic } from '../topic.ts';

/** The message a case's consent-based contact listens for (an interrupting boundary event). */
export const SAMTYCKE_ATERKALLAT = 'samtycke-aterkallat';

/**
 * The local variable a consent-based contact task sets on its own execution when
 * it starts: `samtycke:<id>`, the same text as the case's kontaktgrund… variable.
 * Only the task's execution holds it, so a revocation reaches exactly the tasks
 * that rest on a revoked consent, and never a contact with another basis.
 */
export const KONTAKTGRUND_LOKAL = 'kontaktgrund';

/**
 * samtycke-avbryt-kontakter: after samtycke-aterkalla, tells the case's running
 * instances (the business key is the case number, called instances included)
 * that the consents in `aterkalladeSamtycken` no longer hold. Each waiting task
 * resting on one of them gets the message SAMTYCKE_ATERKALLAT; its boundary
 * event ends the task and routes the case back through the consent gate, which
 * checks the register again. Idempotent: an interrupted task no longer has the
 * subscription, so a second delivery finds nothing to interrupt.
 */
export function samtyckeAvbrytKontakterTopic(deps: WorkerDependencies) {
  return defineTopic({
    topic: 'samtycke-avbryt-kontakter',
    lockDurationMs: 30_000,
    input: z.object({
      arendenummer: z.string().trim().min(1).max(100),
      aterkalladeSamtycken: listaAv(z.uuid()),
      aterkallelseId: z.uuid(),
    }),
    async handle(input, context) {
      const engine = deps.engine;
      const avbrutna: string[] = [];
      for (const samtyckeId of input.aterkalladeSamtycken) {
        const executions = await engine.post<{ id: string }[]>('/execution', {
          businessKey: input.arendenummer,
          messageEventSubscriptionName: SAMTYCKE_ATERKALLAT,
          variables: [{ name: KONTAKTGRUND_LOKAL, operator: 'eq', value: `samtycke:${samtyckeId}` }],
        });
        for (const execution of executions) {
          await engine.post(`/execution/${execution.id}/messageSubscriptions/${SAMTYCKE_ATERKALLAT}/trigger`, {
            variables: { aterkallelseId: { value: input.aterkallelseId, type: 'String' } },
          });
          avbrutna.push(execution.id);
        }
      }
      context.log.info({ arende: input.arendenummer, avbrutna: avbrutna.length }, 'consent-based contacts interrupted');
      return { kind: 'complete', variables: { avbrutnaKontakter: avbrutna.length } };
    },
  });
}
