import { z } from 'zod';
import type { EngineRest } from '../../engine-rest/client.ts';
import { hyresgastSchema } from '../../domain/arendevariabler.ts';
import { PROCESSNYCKLAR } from '../../domain/processer.ts';
import type { WorkerDependencies } from '../dependencies.ts';
import { InvalidInputError } from '../errors.ts';
import { defineTopic } from '../topic.ts';

/**
 * hitta-arende: finds the open case a caseworker named by its case number, for
 * a process started outside the case (e.g. aterkalla-samtycke from Tasklist).
 * A case is open while its checklist instance runs; the engine is the source of
 * that, not Bokvar's table. An unknown or closed number is an outcome
 * (`arendeHittat = false` with a Swedish reason the model shows the caseworker),
 * not an incident: the caseworker corrects it.
 */
export function hittaArendeTopic(deps: WorkerDependencies) {
  return defineTopic({
    topic: 'hitta-arende',
    lockDurationMs: 20_000,
    input: z.object({ arendenummer: z.string().trim().min(1).max(100) }),
    async handle(input, context) {
      const engine = deps.engine;
      const arendenummer = input.arendenummer;
      const [instans] = await engine.get<{ id: string }[]>('/process-instance', {
        businessKey: arendenummer,
        // The checklists: their instance is the case itself (its business key is the case number).
        processDefinitionKeyIn: PROCESSNYCKLAR.join(','),
      });
      if (!instans) {
        context.log.info({ sokt: arendenummer }, 'no open case with that number');
        return {
          kind: 'complete',
          variables: {
            arendeHittat: false,
            arendeSaknasOrsak: `Det finns inget pågående ärende med ärendenumret ${arendenummer}. Kontrollera numret (t.ex. BV-2026-17) i Bokvars ärendelista.`,
          },
        };
      }
      const hyresgast = await lasHyresgast(engine, instans.id);
      context.log.info({ hittat: arendenummer }, 'case found');
      return {
        kind: 'complete',
        variables: { arendeHittat: true, arendenummer, arendeProcessInstanceId: instans.id, hyresgast, arendeSaknasOrsak: null },
      };
    },
  });
}

/** The case's tenant: only name and personnummer travel on, nothing else from the case. */
async function lasHyresgast(engine: EngineRest, processInstanceId: string): Promise<{ personnummer: string; namn: string }> {
  const variabel = await engine.get<{ type: string; value: unknown }[]>('/variable-instance', {
    processInstanceIdIn: processInstanceId,
    variableName: 'hyresgast',
    deserializeValues: false,
  });
  const raw = variabel[0]?.value;
  const parsed = hyresgastSchema.safeParse(typeof raw === 'string' ? safeJson(raw) : raw);
  if (!parsed.success) throw new InvalidInputError('hyresgast: ärendet saknar en giltig hyresgäst (personnummer och namn)');
  return { personnummer: parsed.data.personnummer, namn: parsed.data.namn };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
