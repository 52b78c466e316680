import { InvalidInputError } from '../errors.ts';
import type { WorkerDependencies } from '../dependencies.ts';
import { defineTopic } from '../topic.ts';
import { sparaBrev, sparadeBrev, type NyttBrev } from './arkiv.ts';
import { lasAvsandare, type Avsandare } from './avsandare.ts';
import { planeraBrev } from './brev.ts';
import { brevIndata } from './indata.ts';
import { renderPdf } from './pdf.ts';

/**
 * brev: writes the letter the task's `brevtyp` names (the Kronofogden
 * confirmation also its copy to the tenant) as PDF/A, stores it with its
 * SHA-256, and hands the process the letter's id: `brevId` (the letter to the
 * main recipient), `brevIdKopiaHyresgast` (the confirmation's copy) and
 * `brevEfterFrist` (true when it was made after the deadline it serves).
 * A redelivered task gets the letters it already made. See docs/brev.md.
 */
export function brevTopic(deps: WorkerDependencies, avsandare: Avsandare = lasAvsandare()) {
  return defineTopic({
    topic: 'brev',
    // A letter takes tens of milliseconds, the first after start-up a few hundred; two letters at most per task.
    lockDurationMs: 30_000,
    input: brevIndata,
    async handle(input, context) {
      const arendenummer = context.businessKey;
      if (!arendenummer) {
        throw new InvalidInputError('ärendenummer: processen saknar affärsnyckel, brevet kan inte kopplas till ett ärende');
      }
      const skapad = new Date();
      const planerade = planeraBrev(input, { arendenummer, avsandare, skapad });

      const redan = await sparadeBrev(deps.db, context.taskId, input.brevtyp);
      const nya: NyttBrev[] = [];
      for (const p of planerade) {
        if (redan.some((r) => r.mottagare === p.mottagare)) continue;
        nya.push({
          arendenummer,
          processInstanceId: context.processInstanceId,
          externalTaskId: context.taskId,
          typ: p.typ,
          mottagare: p.mottagare,
          kanal: p.kanal,
          mallversion: p.mallversion,
          pdf: await renderPdf(p.dokument),
          frist: p.frist,
          efterFrist: p.efterFrist,
          skapad,
        });
      }
      const sparade = nya.length > 0 ? [...redan, ...(await sparaBrev(deps.db, nya))] : redan;

      const id = (mottagare: string) => sparade.find((s) => s.mottagare === mottagare);
      const huvud = id(planerade[0]!.mottagare)!;
      const variables: Record<string, unknown> = { brevId: huvud.id, brevEfterFrist: huvud.efterFrist };
      const kopia = planerade[1];
      if (kopia) variables.brevIdKopiaHyresgast = id(kopia.mottagare)!.id;
      context.log.info(
        { brevtyp: input.brevtyp, brev: sparade.map((s) => s.id), nya: nya.length, efterFrist: huvud.efterFrist },
        nya.length > 0 ? 'letters stored' : 'letters already stored for this task',
      );
      return { kind: 'complete', variables };
    },
  });
}
