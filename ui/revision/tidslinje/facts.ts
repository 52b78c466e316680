import type { Knex } from 'knex';
import type {
  AterkallelseRad as RegistretsAterkallelseRad,
  SamtyckeRad as RegistretsSamtyckeRad,
} from '../../../domain/samtycke/register.ts';
import { engineTimeMs } from '../../../engine-rest/time.ts';
import type {
  HistoricActivityInstance,
  HistoricIncident,
  HistoricJobLog,
  HistoricTask,
  HistoricVariableUpdate,
  UserOperationLogEntry,
} from '../../../engine-rest/types.ts';
import { fromVariable } from '../../../engine-rest/variables.ts';
import { citera } from '../../../frister/lagrum.ts';
import { aktivitetshistorik, type ArendetsInstanser } from '../../arenden/arenden.ts';
import type { Engine } from '../../engine/engine.ts';
import { KONTAKTER } from './handelser/kontakter.ts';
import { lagrumFor } from './lagrum.ts';

/**
 * Reading the timeline's sources: the engine's history of the case's
 * instances and Bokvar's tables (letters, the consent register). The queries
 * are per case (business key) or per instance, never per event; independent
 * reads run together. The event builders (./handelser/) only read what this
 * module gathered.
 */

// ---- Bokvar's own tables, as read here -------------------------------------------------------

export interface BrevRad {
  id: string;
  typ: string;
  mottagare: string;
  kanal: string;
  sha256: string;
  mallversion: string;
  fristtyp: string | null;
  frist_senast: Date | null;
  efter_frist: boolean;
  skapad: Date;
  /** When the registry (or a caseworker) marked it sent, who, and when that was registered; null until then. */
  skickad?: Date | null;
  skickad_av?: string | null;
  skickad_registrerad?: Date | null;
}

/** The timeline also shows whose consent it is, who documented a revocation, and why. */
export interface SamtyckeRad extends RegistretsSamtyckeRad {
  personnummer: string;
}

export interface AterkallelseRad extends RegistretsAterkallelseRad {
  dokumenterat_av: string;
  skal: string | null;
  skapad: Date;
}

/** One row of processmigreringar (migration 019): an instance moved, or not, by npm run migrera. */
export interface MigreringRad {
  process_instance_id: string;
  process_key: string;
  fran_version: number;
  fran_versionstagg: string | null;
  till_version: number;
  till_versionstagg: string | null;
  batch_id: string | null;
  utford_av: string;
  motoranvandare: string;
  resultat: 'flyttad' | 'ej-flyttad';
  orsak: string | null;
  tid: Date;
}

/** Everything the builders read, with the lookups several of them need. */
export interface Kallor {
  arendenummer: string;
  arende: ArendetsInstanser;
  /** The moment the timeline is judged at: a deadline still ahead of it runs. */
  nu: Date;
  aktiviteter: HistoricActivityInstance[];
  uppgifter: HistoricTask[];
  operationer: UserOperationLogEntry[];
  incidenter: HistoricIncident[];
  /** Every variable update of the case's instances, oldest first. */
  uppdateringar: HistoricVariableUpdate[];
  jobbloggar: HistoricJobLog[];
  brev: BrevRad[];
  /** The case's consents, and those its contacts name from other cases. */
  samtycken: SamtyckeRad[];
  aterkallelser: AterkallelseRad[];
  /** Every migration of the case's instances, oldest first. */
  migreringar: MigreringRad[];
  /** Version number and tag of each definition the case's instances run on. */
  definitioner: Map<string, { version: number; versionTag: string | null }>;
  /** The process (definition key) of each instance. */
  nyckelFor: Map<string, string>;
  /** Who completed each task (task id → user), from the operation log (authenticated REST calls only). */
  slutfordAv: Map<string, string>;
  /** Who ran each job by hand (job id → user). */
  manuelltKord: Map<string, string>;
  /** The legal references the model documents for an activity, as cited. */
  lagrum: (h: { processInstanceId: string; activityId: string }, processDefinitionId?: string) => string[];
}

/** Every engine time (and Bokvar's Dates) in the timeline is written as ISO in UTC. */
export const iso = (tid: string | Date): string => new Date(engineTimeMs(tid)).toISOString();

/** A variable update's value as the process set it. */
export const variableValue = (u: HistoricVariableUpdate): unknown => fromVariable(u.variableType, u.value);

/** For the history queries that take one instance at a time: every instance's answer, in one list. */
const perInstance = <T>(instanser: string[], fraga: (processInstanceId: string) => Promise<T[]>): Promise<T[]> =>
  Promise.all(instanser.map(fraga)).then((x) => x.flat());

/** Reads every source of one case's timeline; `arende` is the case as lasArende gave it (access already decided). */
export async function lasKallor(db: Knex, engine: Engine, arende: ArendetsInstanser, arendenummer: string, nu: Date): Promise<Kallor> {
  const { historik, instanser } = arende;
  const [aktiviteter, uppgifter, operationer, incidenter, uppdateringar, jobbloggar, brev, samtycken, migreringar, versionerna] =
    await Promise.all([
      aktivitetshistorik(engine, instanser),
      engine.history.tasks({ processInstanceBusinessKey: arendenummer }),
      perInstance(instanser, (processInstanceId) => engine.history.userOperations({ processInstanceId })),
      perInstance(instanser, (processInstanceId) => engine.history.incidents({ processInstanceId })),
      engine.history.variableUpdates({ processInstanceIdIn: instanser, sorting: [{ sortBy: 'time', sortOrder: 'asc' }] }),
      perInstance(instanser, (processInstanceId) => engine.history.jobLogs({ processInstanceId })),
      db('brev')
        .where({ arendenummer })
        .orderBy('skapad')
        .select<BrevRad[]>(
          'id',
          'typ',
          'mottagare',
          'kanal',
          'sha256',
          'mallversion',
          'fristtyp',
          'frist_senast',
          'efter_frist',
          'skapad',
          'skickad',
          'skickad_av',
          'skickad_registrerad',
        ),
      db('samtycken').where({ arendenummer }).select<SamtyckeRad[]>('*'),
      db('processmigreringar').where({ arendenummer }).orderBy('id').select<MigreringRad[]>('*'),
      engine.repository.processDefinitionsById([...new Set(historik.map((h) => h.processDefinitionId))]),
    ]);
  const definitioner = [...new Set(historik.map((h) => h.processDefinitionId))];
  const lagrumPerDefinition = new Map(await Promise.all(definitioner.map(async (d) => [d, await lagrumFor(engine, d)] as const)));
  const aterkallelser = await lasSamtyckesregistret(db, arendenummer, uppdateringar, samtycken);

  const slutfordAv = new Map<string, string>();
  for (const o of operationer) if (o.operationType === 'Complete' && o.taskId && o.userId) slutfordAv.set(o.taskId, o.userId);
  const manuelltKord = new Map<string, string>();
  for (const o of operationer) if (o.operationType === 'Execute' && o.jobId && o.userId) manuelltKord.set(o.jobId, o.userId);
  const lagrum = (h: { processInstanceId: string; activityId: string }, processDefinitionId?: string): string[] => {
    const def = processDefinitionId ?? historik.find((x) => x.id === h.processInstanceId)?.processDefinitionId;
    return (def ? lagrumPerDefinition.get(def)?.get(h.activityId) : undefined)?.map(citera) ?? [];
  };
  return {
    arendenummer,
    arende,
    nu,
    aktiviteter,
    uppgifter,
    operationer,
    incidenter,
    uppdateringar,
    jobbloggar,
    brev,
    samtycken,
    aterkallelser,
    migreringar,
    definitioner: new Map(versionerna.map((d) => [d.id, { version: d.version, versionTag: d.versionTag }])),
    nyckelFor: new Map(historik.map((h) => [h.id, h.processDefinitionKey])),
    slutfordAv,
    manuelltKord,
    lagrum,
  };
}

/**
 * The consents the contacts rest on may have been given in another case: they
 * are added to `samtycken`, and every revocation that touches any of them (or
 * the same person's consents as a whole) is read.
 */
async function lasSamtyckesregistret(
  db: Knex,
  arendenummer: string,
  uppdateringar: HistoricVariableUpdate[],
  samtycken: SamtyckeRad[],
): Promise<AterkallelseRad[]> {
  const grunder = uppdateringar.filter((u) => Object.values(KONTAKTER).some((k) => k.variabel === u.variableName));
  const refererade = grunder
    .map((u) => String(u.value ?? ''))
    .filter((g) => g.startsWith('samtycke:'))
    .map((g) => g.slice('samtycke:'.length));
  const saknade = [...new Set(refererade)].filter((id) => /^[0-9a-f-]{36}$/.test(id) && !samtycken.some((s) => s.id === id));
  if (saknade.length > 0) samtycken.push(...(await db('samtycken').whereIn('id', saknade).select<SamtyckeRad[]>('*')));
  const personer = [...new Set(samtycken.map((s) => s.personnummer))];
  if (samtycken.length === 0) return [];
  return db('samtycke_aterkallelser')
    .where((q) => {
      q.where({ arendenummer })
        .orWhereIn(
          'samtycke_id',
          samtycken.map((s) => s.id),
        )
        .orWhere((r) => r.whereNull('samtycke_id').whereIn('personnummer', personer));
    })
    .select<AterkallelseRad[]>('id', 'samtycke_id', 'mottagare', 'syften', 'aterkallat', 'dokumenterat_av', 'skal', 'skapad');
}
