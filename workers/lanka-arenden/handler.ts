import { z } from 'zod';
import type { EngineRest } from '../../engine-rest/client.ts';
import { toVariables } from '../../engine-rest/variables.ts';
import type { WorkerDependencies } from '../dependencies.ts';
import { InvalidInputError } from '../errors.ts';
import { defineTopic } from '../topic.ts';

/** The message an open checklist-1 case receives when Kronofogden announces an eviction. */
export const MEDDELAT_AVHYSNING = 'kronofogden-har-meddelat-avhysning';

const personnummer = z.string().regex(/^\d{12}$/);

/**
 * lanka-arenden: links a Kronofogden case to the same tenant's open
 * `hot-om-avhysning` case(s), both ways. Cases are found by the String
 * variable `hyresgastPersonnummer` (a process-variable filter the engine can
 * index, unlike a field inside the `hyresgast` JSON); this topic also sets it on
 * its own case so later cases can find it. The other case gets
 * `kronofogdenArende` and, when its model listens for it, the message
 * MEDDELAT_AVHYSNING (which creates its caseworker's task). Idempotent: a
 * case that already names this one is neither updated nor messaged again.
 */
export function lankaArendenTopic(deps: WorkerDependencies) {
  return defineTopic({
    topic: 'lanka-arenden',
    lockDurationMs: 30_000,
    input: z.object({
      lankaMotProcess: z.string().regex(/^[a-z0-9-]+$/),
      hyresgast: z.object({ personnummer }).loose(),
      malnummer: z.string().max(50).nullish(),
      avhysningsdatum: z.string().max(40).nullish(),
    }),
    async handle(input, context) {
      const engine = deps.engine;
      const arende = context.businessKey;
      if (!arende) throw new InvalidInputError('affärsnyckel (ärendenummer): krävs för att länka ärenden');
      const pnr = input.hyresgast.personnummer;
      // The query body keeps the number a String (a query-string filter would read it as a Long).
      const oppna = await engine.post<{ id: string; businessKey: string | null }[]>('/process-instance', {
        processDefinitionKey: input.lankaMotProcess,
        active: true,
        variables: [{ name: 'hyresgastPersonnummer', operator: 'eq', value: pnr }],
      });
      const lankade: string[] = [];
      for (const annat of oppna) {
        if (!annat.businessKey || annat.businessKey === arende) continue;
        lankade.push(annat.businessKey);
        if (await redanLankat(engine, annat.id, arende)) continue;
        // The link and the message go in one transaction (the message sets the variable):
        // a retry after a refused correlation then sends it again, and never twice.
        if (await lyssnar(engine, annat.id)) {
          await engine.post('/message', {
            messageName: MEDDELAT_AVHYSNING,
            processInstanceId: annat.id,
            processVariables: toVariables({
              kronofogdenArende: arende,
              kronofogdenMalnummer: input.malnummer ?? null,
              kronofogdenAvhysningsdatum: input.avhysningsdatum ?? null,
            }),
          });
        } else {
          await engine.put(`/process-instance/${annat.id}/variables/kronofogdenArende`, { value: arende, type: 'String' });
        }
      }
      context.log.info({ arende, lankade: lankade.length }, 'cases linked');
      return { kind: 'complete', variables: { hyresgastPersonnummer: pnr, lankadeArenden: lankade } };
    },
  });
}

async function redanLankat(engine: EngineRest, processInstanceId: string, arende: string): Promise<boolean> {
  const [v] = await engine.get<{ value: unknown }[]>('/variable-instance', {
    processInstanceIdIn: processInstanceId,
    variableName: 'kronofogdenArende',
  });
  return v?.value === arende;
}

async function lyssnar(engine: EngineRest, processInstanceId: string): Promise<boolean> {
  const subscriptions = await engine.get<unknown[]>('/event-subscription', {
    eventType: 'message',
    eventName: MEDDELAT_AVHYSNING,
    processInstanceId,
  });
  return subscriptions.length > 0;
}
