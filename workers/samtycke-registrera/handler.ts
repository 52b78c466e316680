import { z } from 'zod';
import { hyresgastSchema } from '../../domain/arendevariabler.ts';
import { mottagareSchema } from '../../domain/samtycke/mottagare.ts';
import { registreraSamtycke } from '../../domain/samtycke/register.ts';
import { syfteSchema } from '../../domain/samtycke/syften.ts';
import type { WorkerDependencies } from '../dependencies.ts';
import { InvalidInputError } from '../errors.ts';
import { anvandarId, listaAv, tidpunkt, TILLATEN_KLOCKSKILLNAD_MS, valfri } from '../formularindata.ts';
import { defineTopic } from '../topic.ts';

/**
 * samtycke-registrera: stores the consent a Tasklist form has captured. Who
 * documented it the model takes from the logged-in user who completed the form
 * task (samtyckeDokumenteratAv, set by a task listener: the form itself cannot
 * be trusted with it). Idempotent: the key is the external task's id, the same
 * at every delivery.
 */
export function samtyckeRegistreraTopic(deps: WorkerDependencies) {
  return defineTopic({
    topic: 'samtycke-registrera',
    lockDurationMs: 10_000,
    input: z.object({
      hyresgast: hyresgastSchema,
      samtyckeMottagare: listaAv(mottagareSchema).pipe(z.array(mottagareSchema).min(1)),
      samtyckeSyfte: listaAv(syfteSchema).pipe(z.array(syfteSchema).min(1)),
      samtyckeForm: z.enum(['skriftligt', 'muntligt']),
      samtyckeLamnatDatum: tidpunkt('start'),
      samtyckeGiltigtTill: valfri(tidpunkt('slut')),
      samtyckeAnteckning: valfri(z.string().trim().max(4000)),
      samtyckeDokumenteratAv: anvandarId,
    }),
    async handle(input, context) {
      if (input.samtyckeLamnatDatum.getTime() > Date.now() + TILLATEN_KLOCKSKILLNAD_MS) {
        throw new InvalidInputError('samtyckeLamnatDatum: ligger i framtiden; ett samtycke registreras när det har lämnats');
      }
      if (input.samtyckeGiltigtTill && input.samtyckeGiltigtTill.getTime() <= input.samtyckeLamnatDatum.getTime()) {
        throw new InvalidInputError('samtyckeGiltigtTill: ska vara senare än samtyckeLamnatDatum');
      }
      const { id, nytt } = await registreraSamtycke(deps.db, {
        personnummer: input.hyresgast.personnummer,
        mottagare: input.samtyckeMottagare,
        syften: input.samtyckeSyfte,
        form: input.samtyckeForm,
        lamnat: input.samtyckeLamnatDatum,
        giltigtTill: input.samtyckeGiltigtTill ?? null,
        anteckning: input.samtyckeAnteckning ?? null,
        dokumenteratAv: input.samtyckeDokumenteratAv,
        arendenummer: context.businessKey,
        processInstanceId: context.processInstanceId,
        idempotensnyckel: context.taskId,
      });
      context.log.info({ samtyckeId: id, nytt }, nytt ? 'consent registered' : 'consent already registered by an earlier delivery');
      return { kind: 'complete', variables: { samtyckeId: id } };
    },
  });
}
