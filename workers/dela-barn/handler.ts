import { z } from 'zod';
import { BARNKALLOR, type Barnkalla } from '../../domain/barnkallor.ts';
import { EngineRestError, type EngineRest } from '../../engine-rest/client.ts';
import { RuntimeQueries } from '../../engine-rest/runtime.ts';
import { fromVariable, toVariables } from '../../engine-rest/variables.ts';
import type { WorkerDependencies } from '../dependencies.ts';
import { InvalidInputError } from '../errors.ts';
import { defineTopic } from '../topic.ts';

/** One child-discovery event: when social services learned of the children, from which source, in which process. */
const barnUpptackt = z.object({
  tid: z.iso.datetime({ offset: true }),
  kalla: z.enum(Object.keys(BARNKALLOR) as [Barnkalla, ...Barnkalla[]]),
  process: z.string().max(100),
});
export type BarnUpptackt = z.infer<typeof barnUpptackt>;

const isoDateTimeWithOffset = z.iso.datetime({ offset: true });

/**
 * The discoveries so far plus one entry for each source that says "children"
 * and is not yet recorded, in time order; the first entry is when the case
 * first learned of children (the child's 14 days run from it). A notice that
 * names children was known from its reception (`mottagen`); any other source
 * from the moment the instance saw it (`upptacktTid`).
 */
export function registreraUpptackter(
  tidigare: BarnUpptackt[],
  fakta: Partial<Record<Barnkalla, boolean>>,
  upptacktTid: string,
  mottagen: string | null | undefined,
  process: string,
): BarnUpptackt[] {
  const kanda = new Set(tidigare.map((u) => u.kalla));
  const nya: BarnUpptackt[] = (Object.keys(BARNKALLOR) as Barnkalla[])
    .filter((kalla) => fakta[kalla] === true && !kanda.has(kalla))
    .map((kalla) => ({ tid: kalla === 'anmalan' && mottagen ? mottagen : upptacktTid, kalla, process }));
  return [...tidigare, ...nya].sort((a, b) => Date.parse(a.tid) - Date.parse(b.tid));
}

/**
 * dela-barn: one instance of a case has just learned that children are
 * affected ("När barn berörs"). The worker records the discovery in
 * `barnUpptackter` and hands the child facts to every other running instance
 * of the case (same business key: the main process, kontakt-och-utredning,
 * inhamta-samtycke, barn-och-unga), so that the whole case knows at once and
 * not only when a called process ends. With the facts goes
 * `barnOchUngaInvolverade = true`: the instance running this task involves
 * barn och unga (the next step), and the others' own "När barn berörs" must
 * not do it a second time. That flag is set in a call of its own, before the
 * facts, so no instance's conditional event can see the facts without it.
 * Setting the same values again changes nothing: a second delivery is harmless.
 */
export function delaBarnTopic(deps: WorkerDependencies) {
  return defineTopic({
    topic: 'dela-barn',
    lockDurationMs: 30_000,
    input: z.object({
      /** The process that learned of the children (the task's input parameter). */
      barnUpptacktI: z.string().min(1).max(100),
      /** When the instance saw the children (set as "När barn berörs" started). */
      barnUpptacktTid: z.union([z.date().transform((d) => d.toISOString()), isoDateTimeWithOffset]),
      mottagen: isoDateTimeWithOffset.nullish(),
      barnUpptackter: z.array(barnUpptackt).nullish(),
      barnBerorda: z.boolean().nullish(),
      barnEnligtAnmalan: z.boolean().nullish(),
      barnEnligtHyresvard: z.boolean().nullish(),
      barnEnligtHandlaggare: z.boolean().nullish(),
    }),
    async handle(input, context) {
      const engine = deps.engine;
      if (!context.businessKey)
        throw new InvalidInputError('affärsnyckel (ärendenummer) saknas: ärendets övriga instanser kan inte hittas');
      const fakta: Partial<Record<Barnkalla, boolean>> = {};
      for (const [kalla, variabel] of Object.entries(BARNKALLOR) as [Barnkalla, string][]) {
        if (input[variabel as keyof typeof input] === true) fakta[kalla] = true;
      }
      const upptackter = registreraUpptackter(
        input.barnUpptackter ?? [],
        fakta,
        input.barnUpptacktTid,
        input.mottagen,
        input.barnUpptacktI,
      );
      const sanna = Object.fromEntries(
        Object.entries(BARNKALLOR)
          .filter(([kalla]) => fakta[kalla as Barnkalla])
          .map(([, v]) => [v, true]),
      );

      const andra = (await engine.get<{ id: string }[]>('/process-instance', { businessKey: context.businessKey })).filter(
        (i) => i.id !== context.processInstanceId,
      );
      for (const { id } of andra) {
        const deras = await upptackterI(engine, id);
        try {
          await engine.post(`/process-instance/${id}/variables`, {
            modifications: toVariables({ barnOchUngaInvolverade: true, barnUpptackter: sammanfoga(deras, upptackter) }),
          });
          if (Object.keys(sanna).length > 0) await engine.post(`/process-instance/${id}/variables`, { modifications: toVariables(sanna) });
        } catch (error) {
          // The instance ended in between: nothing left to tell it.
          if (
            error instanceof EngineRestError &&
            (error.status === 404 || error.status === 500) &&
            !(await new RuntimeQueries(engine).isRunning(id))
          )
            continue;
          throw error;
        }
      }
      context.log.info({ instanser: andra.length, upptackter: upptackter.length }, 'child facts handed to the case');
      return { kind: 'complete', variables: { barnUpptackter: upptackter } };
    },
  });
}

/** Both lists, one entry per source (the earlier wins), in time order. */
export function sammanfoga(a: BarnUpptackt[], b: BarnUpptackt[]): BarnUpptackt[] {
  const perKalla = new Map<Barnkalla, BarnUpptackt>();
  for (const u of [...a, ...b]) {
    const fore = perKalla.get(u.kalla);
    if (!fore || Date.parse(u.tid) < Date.parse(fore.tid)) perKalla.set(u.kalla, u);
  }
  return [...perKalla.values()].sort((x, y) => Date.parse(x.tid) - Date.parse(y.tid));
}

async function upptackterI(engine: EngineRest, processInstanceId: string): Promise<BarnUpptackt[]> {
  try {
    const v = await engine.get<{ value: unknown; type: string }>(`/process-instance/${processInstanceId}/variables/barnUpptackter`, {
      deserializeValue: false,
    });
    const tolkad = z.array(barnUpptackt).safeParse(fromVariable(v.type, v.value));
    return tolkad.success ? tolkad.data : [];
  } catch (error) {
    if (error instanceof EngineRestError && error.status === 404) return [];
    throw error;
  }
}
