import { z } from 'zod';
import { EngineRestError } from '../../engine-rest/client.ts';
import type { WorkerDependencies } from '../dependencies.ts';
import { defineTopic } from '../topic.ts';

/**
 * ateruppta: starts a path of this instance again at an activity of the process level,
 * when a boolean process variable says that the path ended and must run again. Used by
 * hot-om-avhysning's NarRattatMeddelande: a corrected notice after the first
 * återvinningsfrist "ran out" means that period never started (NJA 1985 s. 586), so the
 * åtagande decision is taken again with the new period (start before ForeAtervinning while
 * `atervinningsfristenUte` is true). BPMN cannot jump from an event subprocess back into the
 * main flow, so this is a process instance modification. The variable is set to false in
 * the same modification, so a second delivery of the task starts nothing more.
 */
export function aterupptaTopic(deps: WorkerDependencies) {
  return defineTopic({
    topic: 'ateruppta',
    lockDurationMs: 20_000,
    input: z.object({
      aterupptaVid: z
        .string()
        .regex(/^[A-Za-z_][\w-]*$/)
        .max(100),
      aterupptaOm: z
        .string()
        .regex(/^[A-Za-z_]\w*$/)
        .max(100),
    }),
    async handle(input, context) {
      const engine = deps.engine;
      const id = context.processInstanceId;
      let flagga: unknown = null;
      try {
        flagga = (await engine.get<{ value: unknown }>(`/process-instance/${id}/variables/${input.aterupptaOm}`)).value;
      } catch (error) {
        if (!(error instanceof EngineRestError && error.status === 404)) throw error;
      }
      if (flagga !== true) {
        context.log.info({ vid: input.aterupptaVid }, 'nothing to resume');
        return { kind: 'complete', variables: {} };
      }
      await engine.post(`/process-instance/${id}/modification`, {
        skipCustomListeners: false,
        skipIoMappings: false,
        annotation: `Bokvar (ateruppta): startar om vid ${input.aterupptaVid}`,
        instructions: [
          {
            type: 'startBeforeActivity',
            activityId: input.aterupptaVid,
            variables: { [input.aterupptaOm]: { value: false, type: 'Boolean', local: false } },
          },
        ],
      });
      context.log.info({ vid: input.aterupptaVid }, 'path resumed');
      return { kind: 'complete', variables: {} };
    },
  });
}
