import { z } from 'zod';
import { hyresgastSchema } from '../../domain/arendevariabler.ts';
import type { WorkerDependencies } from '../dependencies.ts';
import { defineTopic } from '../topic.ts';
import { iso } from './indata.ts';
import { mottagareSchema } from '../../domain/samtycke/mottagare.ts';
import { kontrollera } from '../../domain/samtycke/register.ts';
import { syfteSchema } from '../../domain/samtycke/syften.ts';

/**
 * samtycke-kontroll: finns ett giltigt samtycke just nu för att kontakta eller
 * informera mottagaren i syftet? Svaret är ett affärsutfall (samtyckeFinns), inte
 * ett fel. samtyckeId och samtyckeUnderlag visar vilket samtycke kontakten vilar
 * på, som det såg ut då – även om det återkallas senare.
 */
export function samtyckeKontroll(deps: WorkerDependencies) {
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
