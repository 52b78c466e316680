import { z } from 'zod';
import { hyresgastSchema } from '../../domain/arendevariabler.ts';
import { mottagareSchema } from '../../domain/samtycke/mottagare.ts';
import { kontrollera } from '../../domain/samtycke/register.ts';
import { syfteSchema } from '../../domain/samtycke/syften.ts';
import type { WorkerDependencies } from '../dependencies.ts';
import { iso } from '../formularindata.ts';
import { defineTopic } from '../topic.ts';

/**
 * samtycke-kontroll: is there a valid consent right now to contact or inform
 * the recipient for the purpose? The answer is a business outcome
 * (samtyckeFinns), not an error. samtyckeId and samtyckeUnderlag show which
 * consent the contact rests on, as it stood then, even if it is revoked later.
 */
export function samtyckeKontrollTopic(deps: WorkerDependencies) {
  return defineTopic({
    topic: 'samtycke-kontroll',
    lockDurationMs: 10_000,
    input: z.object({
      hyresgast: hyresgastSchema,
      samtyckeMottagare: mottagareSchema,
      samtyckeSyfte: syfteSchema,
    }),
    async handle(input, context) {
      const kontrollerad = new Date();
      const fraga = { mottagare: input.samtyckeMottagare, syfte: input.samtyckeSyfte, vid: kontrollerad };
      const bedomning = await kontrollera(deps.db, input.hyresgast.personnummer, fraga);
      const samtycke = bedomning.giltigt;
      context.log.info(
        { samtyckeFinns: samtycke !== null, samtyckeId: samtycke?.id ?? null, mottagare: fraga.mottagare, syfte: fraga.syfte },
        'consent checked',
      );
      return {
        kind: 'complete',
        variables: {
          samtyckeFinns: samtycke !== null,
          samtyckeId: samtycke?.id ?? null,
          samtyckeUnderlag: {
            samtyckeFinns: samtycke !== null,
            mottagare: fraga.mottagare,
            syfte: fraga.syfte,
            kontrollerad: iso(kontrollerad),
            ...(bedomning.giltigt === null ? { orsak: bedomning.orsak } : {}),
            samtycke: samtycke && {
              id: samtycke.id,
              form: samtycke.form,
              lamnat: iso(samtycke.lamnat),
              giltigtTill: samtycke.giltigtTill && iso(samtycke.giltigtTill),
              anteckning: samtycke.anteckning,
              dokumenteratAv: samtycke.dokumenteratAv,
              arendenummer: samtycke.arendenummer,
              mottagare: samtycke.mottagare,
              syften: samtycke.syften,
            },
          },
        },
      };
    },
  });
}
