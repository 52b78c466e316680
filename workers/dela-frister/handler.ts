import { z } from 'zod';
import { EngineRestError, type EngineRest } from '../../engine-rest/client.ts';
import { toVariables } from '../../engine-rest/variables.ts';
import { FRISTTYPER, fristgrupper } from '../berakna-frister/handler.ts';
import type { WorkerDependencies } from '../db.ts';
import { InvalidInputError } from '../errors.ts';
import { defineTopic } from '../topic.ts';

const isoDateTimeWithOffset = z.iso.datetime({ offset: true });

/** A fristunderlag entry as berakna-frister writes it; the rest of the entry is handed on unchanged. */
const fristpost = z.looseObject({
  typ: z.string(),
  senast: isoDateTimeWithOffset,
  forfaller: isoDateTimeWithOffset,
});

/**
 * dela-frister: hands deadlines the instance has just recomputed (berakna-frister,
 * e.g. after a corrected notice or a granted anstånd) to the instances it has
 * called and that still run (kontakt-och-utredning, inhamta-samtycke,
 * barn-och-unga, at any depth). A called instance got copies of the deadlines
 * when it started (`camunda:in variables="all"`); without this its letters would
 * state the replaced deadline. Nothing is computed here: the entries are the
 * calling instance's own, from the calendar. For each group in `delaFrister`
 * every fristunderlag entry of the group's types replaces the called instance's
 * entries of those types, with `<key>Senast` and `<key>Forfaller`; the called
 * instance's other entries (its own svarUppfoljning, forhandsbedomningBarn) stay.
 * Setting the same values again changes nothing, so a second delivery is harmless.
 * Timers in called instances are not moved: no called model has a timer on a
 * deadline the calling instance recomputes.
 */
export function delaFristerTopic(deps: WorkerDependencies) {
  return defineTopic({
    topic: 'dela-frister',
    lockDurationMs: 30_000,
    input: z.object({
      delaFrister: fristgrupper,
      fristunderlag: z.record(z.string(), z.unknown()),
    }),
    async handle(input, context) {
      const engine = deps.engine;
      if (!engine) throw new Error('dela-frister: workern saknar anslutning till motorns REST-API');
      const typer = new Set<string>(input.delaFrister.flatMap((grupp) => FRISTTYPER[grupp]));
      const poster = fristposter(input.fristunderlag, typer);
      const instanser = await anropadeInstanser(engine, context.processInstanceId);
      for (const id of instanser) {
        const egna = await fristunderlagI(engine, id);
        const behallna = Object.entries(egna).filter(([, post]) => !typer.has(typTill(post)));
        const underlag = { ...Object.fromEntries(behallna), ...Object.fromEntries(poster) };
        const varden: Record<string, string | Record<string, unknown>> = { fristunderlag: underlag };
        for (const [nyckel, post] of poster) {
          varden[`${nyckel}Senast`] = post.senast;
          varden[`${nyckel}Forfaller`] = post.forfaller;
        }
        // One call: the called instance sees the old deadlines or the new ones, never a mix.
        await engine.post(`/process-instance/${id}/variables`, { modifications: toVariables(varden) });
      }
      context.log.info({ anropade: instanser.length, frister: poster.length }, 'deadlines handed to called instances');
      return { kind: 'complete', variables: {} };
    },
  });
}

/** The entries of the given types, checked: a malformed entry is named, never handed on. */
function fristposter(underlag: Record<string, unknown>, typer: Set<string>): [string, z.infer<typeof fristpost>][] {
  const poster: [string, z.infer<typeof fristpost>][] = [];
  const fel: string[] = [];
  for (const [nyckel, varde] of Object.entries(underlag)) {
    if (!typer.has(typTill(varde))) continue;
    const tolkad = fristpost.safeParse(varde);
    if (tolkad.success) poster.push([nyckel, tolkad.data]);
    else fel.push(...tolkad.error.issues.map((i) => `fristunderlag.${nyckel}.${i.path.join('.')}: ${i.message}`));
  }
  if (fel.length > 0) throw new InvalidInputError(fel.join('; '));
  return poster;
}

function typTill(post: unknown): string {
  return post !== null && typeof post === 'object' && typeof (post as { typ?: unknown }).typ === 'string'
    ? (post as { typ: string }).typ
    : '';
}

/** The running instances this one called, and those they called in turn. */
async function anropadeInstanser(engine: EngineRest, processInstanceId: string): Promise<string[]> {
  const barn = await engine.get<{ id: string }[]>('/process-instance', { superProcessInstance: processInstanceId });
  const alla: string[] = [];
  for (const { id } of barn) alla.push(id, ...(await anropadeInstanser(engine, id)));
  return alla;
}

async function fristunderlagI(engine: EngineRest, processInstanceId: string): Promise<Record<string, unknown>> {
  try {
    const v = await engine.get<{ value: unknown; type: string }>(`/process-instance/${processInstanceId}/variables/fristunderlag`, {
      deserializeValue: false,
    });
    const varde = v.type === 'Json' && typeof v.value === 'string' ? JSON.parse(v.value) : v.value;
    return varde !== null && typeof varde === 'object' ? (varde as Record<string, unknown>) : {};
  } catch (error) {
    // A called instance that never had deadlines (none passed in) gets the handed ones only.
    if (error instanceof EngineRestError && error.status === 404) return {};
    throw error;
  }
}
