import { z } from 'zod';
import { hyresgastSchema } from '../../domain/arendevariabler.ts';
import { mottagareSchema } from '../../domain/samtycke/mottagare.ts';
import { hamtaSamtycke, registreraAterkallelse } from '../../domain/samtycke/register.ts';
import { syfteSchema } from '../../domain/samtycke/syften.ts';
import type { WorkerDependencies } from '../dependencies.ts';
import { InvalidInputError } from '../errors.ts';
import { anvandarId, listaAv, tidpunkt, TILLATEN_KLOCKSKILLNAD_MS, valfri } from '../formularindata.ts';
import { defineTopic } from '../topic.ts';

/**
 * samtycke-aterkalla: the person revokes their consent, wholly or in part (the
 * handbook: "hela eller delar av, och då ska även detta dokumenteras"). The
 * revocation is a new row; the consent stays unchanged, so that what it allowed
 * before can still be seen. Without aterkallelseSamtyckeId the revocation
 * applies to every consent the person gave before it. The case number is the
 * business key, or the variable arendenummer when the revocation is recorded in
 * a process of its own (aterkalla-samtycke).
 */
export function samtyckeAterkallaTopic(deps: WorkerDependencies) {
  return defineTopic({
    topic: 'samtycke-aterkalla',
    lockDurationMs: 10_000,
    input: z.object({
      hyresgast: hyresgastSchema,
      aterkallelseOmfattning: z.enum(['hela', 'delvis']),
      aterkallelseSamtyckeId: valfri(z.uuid()),
      aterkallelseMottagare: valfri(listaAv(mottagareSchema)),
      aterkallelseSyfte: valfri(listaAv(syfteSchema)),
      aterkallelseTidpunkt: tidpunkt('start'),
      aterkallelseSkal: valfri(z.string().trim().max(2000)),
      samtyckeDokumenteratAv: anvandarId,
      // Read when the revocation is recorded outside the case (aterkalla-samtycke), which has no case number as its key.
      arendenummer: valfri(z.string().trim().max(100)),
    }),
    async handle(input, context) {
      const mottagare = input.aterkallelseMottagare?.length ? input.aterkallelseMottagare : null;
      const syften = input.aterkallelseSyfte?.length ? input.aterkallelseSyfte : null;
      if (input.aterkallelseOmfattning === 'hela' && (mottagare || syften)) {
        throw new InvalidInputError(
          'aterkallelseOmfattning: är "hela" men aterkallelseMottagare eller aterkallelseSyfte är ifyllda; välj "delvis" eller töm dem',
        );
      }
      if (input.aterkallelseOmfattning === 'delvis' && !mottagare && !syften) {
        throw new InvalidInputError('aterkallelseMottagare, aterkallelseSyfte: ange minst en mottagare eller ett syfte som återkallas');
      }
      if (input.aterkallelseTidpunkt.getTime() > Date.now() + TILLATEN_KLOCKSKILLNAD_MS) {
        throw new InvalidInputError('aterkallelseTidpunkt: ligger i framtiden');
      }
      const personnummer = input.hyresgast.personnummer;
      if (input.aterkallelseSamtyckeId) {
        const samtycke = await hamtaSamtycke(deps.db, personnummer, input.aterkallelseSamtyckeId);
        if (!samtycke) throw new InvalidInputError('aterkallelseSamtyckeId: hyresgästen har inget samtycke med det id:t');
        if (samtycke.lamnat.getTime() > input.aterkallelseTidpunkt.getTime()) {
          throw new InvalidInputError('aterkallelseTidpunkt: ligger före den tidpunkt då samtycket lämnades');
        }
      }
      const { id, nytt, paverkade } = await registreraAterkallelse(deps.db, {
        personnummer,
        samtyckeId: input.aterkallelseSamtyckeId ?? null,
        mottagare,
        syften,
        aterkallat: input.aterkallelseTidpunkt,
        dokumenteratAv: input.samtyckeDokumenteratAv,
        skal: input.aterkallelseSkal ?? null,
        arendenummer: context.businessKey ?? input.arendenummer ?? null,
        processInstanceId: context.processInstanceId,
        idempotensnyckel: context.taskId,
      });
      context.log.info(
        { aterkallelseId: id, nytt, paverkade: paverkade.length },
        nytt ? 'revocation registered' : 'revocation already registered by an earlier delivery',
      );
      return { kind: 'complete', variables: { aterkallelseId: id, aterkalladeSamtycken: paverkade } };
    },
  });
}
