import { z } from 'zod';
import { hyresgastSchema } from '../../domain/arendevariabler.ts';
import type { WorkerDependencies } from '../dependencies.ts';
import { InvalidInputError } from '../errors.ts';
import { defineTopic } from '../topic.ts';
import { anvandarId, listaAv, tidpunkt, valfri } from './indata.ts';
import { mottagareSchema } from '../../domain/samtycke/mottagare.ts';
import { registreraSamtycke } from '../../domain/samtycke/register.ts';
import { syfteSchema } from '../../domain/samtycke/syften.ts';

/** Klockorna i Tasklist och hos workern går inte exakt lika. */
export const TILLATEN_KLOCKSKILLNAD_MS = 5 * 60_000;

/**
 * samtycke-registrera: lagrar det samtycke som ett formulär i Tasklist har
 * fångat. Vem som dokumenterade det tar modellen från den inloggade användare
 * som slutförde formuläruppgiften (samtyckeDokumenteratAv, satt av en
 * task listener – formuläret självt kan inte betros med det). Idempotent:
 * nyckeln är den externa taskens id, som är densamma vid varje ny leverans.
 */
export function samtyckeRegistrera(deps: WorkerDependencies) {
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
