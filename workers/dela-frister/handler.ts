import { DateTime } from 'luxon';
import { z } from 'zod';
import { EngineRestError, type EngineRest } from '../../engine-rest/client.ts';
import { engineTimeMs, formatEngineTime } from '../../engine-rest/time.ts';
import { toVariables } from '../../engine-rest/variables.ts';
import { FRISTTYPER, fristgrupper, fristpost } from '../../frister/index.ts';
import type { WorkerDependencies } from '../dependencies.ts';
import { InvalidInputError } from '../errors.ts';
import { defineTopic } from '../topic.ts';

/** A fristunderlag entry, as far as handing it on needs it; the rest of the entry is handed on unchanged. */
const delbarPost = fristpost.pick({ typ: true, senast: true, forfaller: true });
type DelbarPost = z.infer<typeof delbarPost>;
const postensTyp = fristpost.pick({ typ: true });

/**
 * dela-frister: hands deadlines the instance has just recomputed (berakna-frister,
 * e.g. after a corrected notice or a granted anstånd) to the instances it has
 * called and that still run (kontakt-och-utredning, inhamta-samtycke,
 * barn-och-unga, at any depth), and moves what already rests on them. A called
 * instance got copies of the deadlines when it started (`camunda:in
 * variables="all"`); without this its letters would state the replaced deadline.
 * Nothing is computed here: the entries are the calling instance's own, from the
 * calendar. For each group in `delaFrister` every fristunderlag entry of the
 * group's types replaces the called instance's entries of those types, with
 * `<key>Senast` and `<key>Forfaller`; the called instance's other entries (its own
 * svarUppfoljning, forhandsbedomningBarn) stay.
 *
 * Changing a variable moves neither a timer nor a due date (the engine evaluates
 * both once, when it creates them). So in the calling instance and in every called
 * instance the worker then
 * - re-evaluates every timer job whose definition reads `${<key>Senast}` of a handed
 *   entry (the engine evaluates the model's expression again with the new value), and
 * - sets the due date of every open user task whose model says
 *   `camunda:dueDate="${<key>Forfaller}"` for a handed entry to the new value.
 * Setting the same values again changes nothing, so a second delivery is harmless.
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
      const nycklar = new Map(poster);
      const modeller = new Modeller(engine);
      let timrar = 0;
      let uppgifter = 0;
      // Only after every instance has the new values: a re-evaluated timer reads them.
      for (const id of [context.processInstanceId, ...instanser]) {
        timrar += await flyttaTimrar(engine, modeller, id, nycklar);
        uppgifter += await flyttaForfallodatum(engine, modeller, id, nycklar);
      }
      context.log.info(
        { anropade: instanser.length, frister: poster.length, timrar, uppgifter },
        'deadlines handed to called instances, timers and due dates moved',
      );
      return { kind: 'complete', variables: {} };
    },
  });
}

/** The entries of the given types, checked: a malformed entry is named, never handed on. */
function fristposter(underlag: Record<string, unknown>, typer: Set<string>): [string, DelbarPost][] {
  const poster: [string, DelbarPost][] = [];
  const fel: string[] = [];
  for (const [nyckel, varde] of Object.entries(underlag)) {
    if (!typer.has(typTill(varde))) continue;
    const tolkad = delbarPost.safeParse(varde);
    if (tolkad.success) poster.push([nyckel, tolkad.data]);
    else fel.push(...tolkad.error.issues.map((i) => `fristunderlag.${nyckel}.${i.path.join('.')}: ${i.message}`));
  }
  if (fel.length > 0) throw new InvalidInputError(fel.join('; '));
  return poster;
}

function typTill(post: unknown): string {
  const tolkad = postensTyp.safeParse(post);
  return tolkad.success ? tolkad.data.typ : '';
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

/** What the models say, read once per process definition: never guessed from old values. */
class Modeller {
  private readonly timrar = new Map<string, Promise<Map<string, string>>>();
  private readonly forfallodatum = new Map<string, Promise<Map<string, string>>>();

  constructor(private readonly engine: EngineRest) {}

  /** Job definition id → the deadline key its timer reads (`${<key>Senast}`). */
  timerNycklar(processDefinitionId: string): Promise<Map<string, string>> {
    let svar = this.timrar.get(processDefinitionId);
    if (!svar) {
      svar = this.engine
        .get<{ id: string; jobType: string; jobConfiguration: string | null }[]>('/job-definition', { processDefinitionId })
        .then((definitioner) => {
          const nycklar = new Map<string, string>();
          for (const d of definitioner) {
            // A timer's configuration is its type and the model's expression: "DATE: ${atervinningsfristSenast}".
            const traff = /\$\{\s*(\w+)Senast\s*\}/.exec(d.jobConfiguration ?? '');
            if (d.jobType.startsWith('timer') && traff) nycklar.set(d.id, traff[1]!);
          }
          return nycklar;
        });
      this.timrar.set(processDefinitionId, svar);
    }
    return svar;
  }

  /** User task id → the deadline key its due date reads (`camunda:dueDate="${<key>Forfaller}"`). */
  forfalloNycklar(processDefinitionId: string): Promise<Map<string, string>> {
    let svar = this.forfallodatum.get(processDefinitionId);
    if (!svar) {
      svar = this.engine
        .get<{ bpmn20Xml: string }>(`/process-definition/${processDefinitionId}/xml`)
        .then(({ bpmn20Xml }) => forfalloNycklarIModell(bpmn20Xml));
      this.forfallodatum.set(processDefinitionId, svar);
    }
    return svar;
  }
}

/** The user tasks in a model whose due date is a calendar deadline, by task id. */
function forfalloNycklarIModell(xml: string): Map<string, string> {
  const nycklar = new Map<string, string>();
  for (const [tagg] of xml.matchAll(/<(?:\w+:)?userTask\b[^>]*>/g)) {
    const id = /\sid="([^"]+)"/.exec(tagg)?.[1];
    const traff = /\scamunda:dueDate="\$\{\s*(\w+)Forfaller\s*\}"/.exec(tagg);
    if (id && traff) nycklar.set(id, traff[1]!);
  }
  return nycklar;
}

/** Re-evaluates the instance's timers that read a handed deadline; returns how many. */
async function flyttaTimrar(
  engine: EngineRest,
  modeller: Modeller,
  processInstanceId: string,
  nycklar: Map<string, DelbarPost>,
): Promise<number> {
  const jobb = await engine.getAll<{ id: string; jobDefinitionId: string; processDefinitionId: string }>('/job', {
    processInstanceId,
    timers: true,
  });
  let flyttade = 0;
  for (const j of jobb) {
    const nyckel = (await modeller.timerNycklar(j.processDefinitionId)).get(j.jobDefinitionId);
    if (!nyckel || !nycklar.has(nyckel)) continue;
    try {
      // The engine evaluates the model's own expression again, in the timer's scope.
      await engine.post(`/job/${j.id}/duedate/recalculate?creationDateBased=false`);
      flyttade += 1;
    } catch (error) {
      // The timer fired or its activity ended meanwhile: nothing left to move.
      if (!(error instanceof EngineRestError && error.status === 404)) throw error;
    }
  }
  return flyttade;
}

interface Uppgift {
  id: string;
  taskDefinitionKey: string;
  processDefinitionId: string;
  due: string | null;
  [falt: string]: unknown;
}

/** The fields PUT /task/{id} sets (Camunda 7.24 REST API, "Update"). */
const UPPDATERBARA = [
  'name',
  'description',
  'assignee',
  'owner',
  'delegationState',
  'followUp',
  'priority',
  'parentTaskId',
  'caseInstanceId',
  'tenantId',
] as const;

/** Sets the due date of the instance's open tasks that rest on a handed deadline; returns how many. */
async function flyttaForfallodatum(
  engine: EngineRest,
  modeller: Modeller,
  processInstanceId: string,
  nycklar: Map<string, DelbarPost>,
): Promise<number> {
  const uppgifter = await engine.getAll<Uppgift>('/task', { processInstanceId });
  let flyttade = 0;
  for (const uppgift of uppgifter) {
    const nyckel = (await modeller.forfalloNycklar(uppgift.processDefinitionId)).get(uppgift.taskDefinitionKey);
    const post = nyckel ? nycklar.get(nyckel) : undefined;
    if (!post) continue;
    if (uppgift.due !== null && engineTimeMs(uppgift.due) === Date.parse(post.forfaller)) continue;
    try {
      // PUT replaces the task's updatable fields: send back what it has, with the new due date
      // (only those fields: the engine refuses the read-only ones, e.g. a Camunda Form's reference).
      const aktuell = await engine.get<Record<string, unknown>>(`/task/${uppgift.id}`);
      const behall = Object.fromEntries(UPPDATERBARA.map((falt) => [falt, aktuell[falt] ?? null]));
      await engine.put(`/task/${uppgift.id}`, { ...behall, due: formatEngineTime(DateTime.fromISO(post.forfaller, { setZone: true })) });
      flyttade += 1;
    } catch (error) {
      // Completed meanwhile: nothing left to move.
      if (!(error instanceof EngineRestError && error.status === 404)) throw error;
    }
  }
  return flyttade;
}
