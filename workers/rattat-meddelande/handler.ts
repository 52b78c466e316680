import { z } from 'zod';
import { registreraRattelse } from '../../domain/rattelse.ts';
import { svenskTidpunkt } from '../../domain/svensk-tid.ts';
import type { WorkerDependencies } from '../dependencies.ts';
import { defineTopic } from '../topic.ts';

/**
 * rattat-meddelande: registers a corrected notice from the landlord (NJA 1985 s. 586)
 * in the case a caseworker named in Tasklist (registrera-rattat-meddelande, after
 * hitta-arende). The rules are the API's (domain/rattelse.ts). A case that cannot take
 * it (not unpaid rent, an old process version) is an outcome with a Swedish reason for
 * the caseworker (`rattelseRegistrerad = false`, `rattelseHinder`), not an incident.
 */
export function rattatMeddelandeTopic(deps: WorkerDependencies) {
  return defineTopic({
    topic: 'rattat-meddelande',
    lockDurationMs: 20_000,
    input: z.object({
      arendenummer: z.string().trim().min(1).max(100),
      arendeProcessInstanceId: z.string().min(1).max(100),
      /** Tasklist's date field gives a day; its datetime field a time with offset. */
      rattatMottagen: z.union([z.iso.date(), z.iso.datetime({ offset: true })]),
      rattatDelgivningsdatum: z.iso.date().nullish(),
      rattelseBrist: z.string().trim().max(500).nullish(),
    }),
    async handle(input, context) {
      const engine = deps.engine;
      const mottagen = /^\d{4}-\d{2}-\d{2}$/.test(input.rattatMottagen)
        ? svenskTidpunkt(input.rattatMottagen).toISO()!
        : input.rattatMottagen;
      const hinder = await registreraRattelse(engine, input.arendeProcessInstanceId, input.arendenummer, {
        mottagen,
        delgivningsdatum: input.rattatDelgivningsdatum ?? null,
        brist: input.rattelseBrist ?? null,
      });
      context.log.info({ registrerad: hinder === null, hinder: hinder?.kod }, 'corrected notice');
      return { kind: 'complete', variables: { rattelseRegistrerad: hinder === null, rattelseHinder: hinder?.text ?? null } };
    },
  });
}
