import { z } from 'zod';
import { hamtaBrevForSkickat, KLOCKMARGINAL_MS, markeraSkickat } from '../../domain/brevskickat.ts';
import { tolkaTidpunkt } from '../../frister/tid.ts';
import type { WorkerDependencies } from '../dependencies.ts';
import { InvalidInputError } from '../errors.ts';
import { defineTopic } from '../topic.ts';

/**
 * markera-brev-skickat: the samordnare recorded in the task "Åtagandet är inte
 * markerat som skickat" that the letter was sent. Marks it the same way as the
 * API does (domain/brevskickat.ts): the sent time from the form (default now),
 * who = the user who completed the task (`atagandeSkickatAv`, set by the task's
 * complete listener). Already marked (the registry was quicker): nothing
 * changes, the first registration stands.
 */
export function markeraBrevSkickatTopic(deps: WorkerDependencies) {
  return defineTopic({
    topic: 'markera-brev-skickat',
    lockDurationMs: 10_000,
    input: z.object({
      brevIdAtagande: z.uuid(),
      atagandeSkickadTid: z.string().max(40).nullish(),
      atagandeSkickatAv: z.string().min(1).max(200),
    }),
    async handle(input, context) {
      let skickad: Date | null = null;
      if (input.atagandeSkickadTid) {
        try {
          skickad = tolkaTidpunkt(input.atagandeSkickadTid, 'atagandeSkickadTid').toJSDate();
        } catch {
          throw new InvalidInputError('atagandeSkickadTid: ska vara en tidpunkt, t.ex. 2026-12-03T10:15+01:00');
        }
      }
      if (skickad && skickad.getTime() > Date.now() + KLOCKMARGINAL_MS) {
        throw new InvalidInputError('atagandeSkickadTid: får inte ligga i framtiden');
      }
      const brev = await hamtaBrevForSkickat(deps.db, input.brevIdAtagande);
      if (!brev) throw new InvalidInputError('brevIdAtagande: brevet finns inte i brevarkivet');
      if (!brev.skickat && skickad && skickad.getTime() < brev.skapad.getTime()) {
        throw new InvalidInputError('atagandeSkickadTid: får inte ligga före brevets tillkomst');
      }
      const m = await markeraSkickat(deps.db, input.brevIdAtagande, skickad, input.atagandeSkickatAv);
      if (m.utfall === 'saknas') throw new InvalidInputError('brevIdAtagande: brevet finns inte i brevarkivet');
      context.log.info({ brev: m.brev.id, utfall: m.utfall }, 'åtagande marked sent from the task');
      return {
        kind: 'complete',
        variables: { atagandeSkickatBrevId: m.brev.id, atagandeSkickad: m.brev.skickat.skickad.toISOString() },
      };
    },
  });
}
