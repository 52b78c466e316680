import type { Knex } from 'knex';
import type { Delprocess, ProcessKey } from '../../../domain/processer.ts';
import { dagensBorjan, dagensSlut } from '../../../domain/svensk-tid.ts';
import type { HistoricProcessInstance, HistoricTask, HistoricVariableInstance } from '../../../engine-rest/types.ts';
import { fromVariable } from '../../../engine-rest/variables.ts';
import { BARNFAKTA } from '../../arenden/arendeindex.ts';
import type { Engine } from '../../engine/engine.ts';
import type { Arendefakta, Kontaktfakta, Kontaktslag, Samtyckesfakta, Urval } from './types.ts';

/**
 * Gathers the compliance report's facts for every case received in a period,
 * in a bounded number of queries whatever the number of cases: the case
 * register, then the engine's history in batches (POST queries with lists of
 * business keys or instance ids, paged), the letters and the consent register;
 * independent reads run together. A year of cases costs a few dozen requests,
 * not a few per case.
 */

interface Arenderad {
  arendenummer: string;
  /** Only the intake writes it, from the catalogue. */
  process_key: ProcessKey;
  process_instance_id: string;
  mottagen: Date;
  personnummer: string | null;
  barn: boolean;
}

type Brevfakta = {
  arendenummer: string;
  typ: string;
  mottagare: string;
  skapad: Date;
  efter_frist: boolean;
  frist_senast: Date | null;
  skickad: Date | null;
};

type Samtyckesrad = { id: string; personnummer: string; mottagare: string[]; lamnat: Date };

/** The user tasks whose times the report reads. */
const UPPGIFTER = [
  'BeslutaOmUtredning',
  'BedomBarnutredning',
  'KontaktaHyresvarden',
  'InformeraHyresvarden',
  'BistaAnsokanAnnanForvaltning',
];

const KONTAKTUPPGIFTER: Record<string, { slag: Kontaktslag; grund: string }> = {
  KontaktaHyresvarden: { slag: 'kontakt-hyresvard', grund: 'kontaktgrundHyresvard' },
  InformeraHyresvarden: { slag: 'information-hyresvard', grund: 'informationsgrundHyresvard' },
  BistaAnsokanAnnanForvaltning: { slag: 'kontakt-annan-forvaltning', grund: 'kontaktgrundAnnanForvaltning' },
};

/** The variables the report reads; each is taken from the instance where the process records it. */
const VARIABLER = [
  ...BARNFAKTA,
  // the case's main instance
  'orsak',
  'atervinningsfristSenast',
  'atervinningsbeslut',
  'forhandsbedomningEskaleringSenast',
  'avhysningUtfall',
  'narvaradeBarnOchUnga',
  'ejNarvaroSkalBarnOchUnga',
  'ejNarvaroAvstamdMedKronofogdenBarnOchUnga',
  // kontakt-och-utredning
  'sarskildaSkal',
  'kontaktgrundHyresvard',
  'informationsgrundHyresvard',
  'kontaktgrundAnnanForvaltning',
  // barn-och-unga
  'forhandsbedomningBarnSenast',
];

/** Business keys or instance ids per engine query, and how many such queries run at once. */
const ENGINE_BATCH = 500;
const PARALLEL_BATCHES = 4;

/** Splits a long list of ids into queries of bounded size (each read page by page) and runs a few at a time. */
async function inBatches<T>(ids: string[], query: (batch: string[]) => Promise<T[]>): Promise<T[]> {
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += ENGINE_BATCH) batches.push(ids.slice(i, i + ENGINE_BATCH));
  const result: T[] = [];
  for (let i = 0; i < batches.length; i += PARALLEL_BATCHES) {
    for (const part of await Promise.all(batches.slice(i, i + PARALLEL_BATCHES).map(query))) result.push(...part);
  }
  return result;
}

const variableValue = (v: HistoricVariableInstance): unknown => fromVariable(v.type, v.value);

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const iso = (v: Date | string): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

/**
 * The contact tasks that count as contacts: begun, and either completed or
 * still open. One that ended without being completed (interrupted when the
 * consent it rested on was revoked, or the case was cancelled) was never
 * carried out.
 */
export function kontaktuppgifter<T extends Pick<HistoricTask, 'taskDefinitionKey' | 'endTime' | 'deleteReason'>>(uppgifter: T[]): T[] {
  return uppgifter.filter((u) => KONTAKTUPPGIFTER[u.taskDefinitionKey] && !(u.endTime && u.deleteReason !== 'completed'));
}

export function periodfraga(db: Knex, urval: Urval): Knex.QueryBuilder {
  const q = db('arenden')
    .whereNotNull('process_instance_id')
    .where('mottagen', '>=', dagensBorjan(urval.fran))
    .where('mottagen', '<', dagensSlut(urval.till));
  return urval.process ? q.where({ process_key: urval.process }) : q;
}

/** What was read for every case of the period, grouped for the per-case facts. */
interface Underlag {
  instanserPerArende: Map<string, HistoricProcessInstance[]>;
  uppgifterPerInstans: Map<string, HistoricTask[]>;
  brevPerArende: Map<string, Brevfakta[]>;
  /** The report's variables per instance. */
  variablerPerInstans: Map<string, Record<string, unknown>>;
  /** The first "Kontakt etablerad" of each kontakt-och-utredning instance. */
  kontaktPerInstans: Map<string, string>;
  samtyckePerId: Map<string, Samtyckesrad>;
  /** Main instances whose återvinning period ran out ("Fortsätter utan återvinning"). */
  utanAtervinningIdn: Set<string>;
}

export async function hamtaFakta(db: Knex, engine: Engine, urval: Urval): Promise<Arendefakta[]> {
  const arenden = await periodfraga(db, urval)
    .orderBy([{ column: 'mottagen' }, { column: 'arendenummer' }])
    .select<Arenderad[]>('arendenummer', 'process_key', 'process_instance_id', 'mottagen', 'personnummer', 'barn');
  if (arenden.length === 0) return [];
  const nycklar = arenden.map((a) => a.arendenummer);
  const iPerioden = periodfraga(db, urval).select('arendenummer');

  const [instanser, uppgifter, utanAtervinning, brev] = await Promise.all([
    inBatches(nycklar, (k) => engine.history.processInstances({ processInstanceBusinessKeyIn: k })),
    inBatches(nycklar, (k) => engine.history.tasks({ processInstanceBusinessKeyIn: k, taskDefinitionKeyIn: UPPGIFTER })),
    inBatches(nycklar, (k) =>
      engine.history.processInstances({
        processInstanceBusinessKeyIn: k,
        processDefinitionKey: 'hot-om-avhysning' satisfies ProcessKey,
        executedActivityIdIn: ['UtanAtervinning'],
      }),
    ),
    db('brev')
      .whereIn('arendenummer', iPerioden)
      .orderBy('skapad')
      .select<Brevfakta[]>('arendenummer', 'typ', 'mottagare', 'skapad', 'efter_frist', 'frist_senast', 'skickad'),
  ]);

  const kuIdn = instanser.filter((i) => i.processDefinitionKey === ('kontakt-och-utredning' satisfies Delprocess)).map((i) => i.id);
  const { variablerPerInstans, kontaktPerInstans } = await lasVariabler(engine, instanser, kuIdn);
  const underlag: Underlag = {
    instanserPerArende: groupBy(instanser, (i) => i.businessKey ?? ''),
    uppgifterPerInstans: groupBy(uppgifter, (u) => u.processInstanceId),
    brevPerArende: groupBy(brev, (b) => b.arendenummer),
    variablerPerInstans,
    kontaktPerInstans,
    samtyckePerId: await lasSamtycken(db, kuIdn, variablerPerInstans),
    utanAtervinningIdn: new Set(utanAtervinning.map((i) => i.id)),
  };
  return arenden.map((a) => arendefakta(a, underlag));
}

/** The report's variables of every instance, and when each kontakt-och-utredning instance first recorded a personal contact. */
async function lasVariabler(
  engine: Engine,
  instanser: HistoricProcessInstance[],
  kuIdn: string[],
): Promise<Pick<Underlag, 'variablerPerInstans' | 'kontaktPerInstans'>> {
  const [variabler, kontaktuppdateringar] = await Promise.all([
    inBatches(
      instanser.map((i) => i.id),
      (k) => engine.history.variableInstances({ processInstanceIdIn: k, variableNameIn: VARIABLER }),
    ),
    // Only kontakt-och-utredning records the contact; the copies made when calling or returning would repeat it later.
    inBatches(kuIdn, (k) => engine.history.variableUpdates({ processInstanceIdIn: k, variableNameLike: 'kontaktEtablerad' })),
  ]);
  const variablerPerInstans = new Map<string, Record<string, unknown>>();
  for (const v of variabler) {
    let vars = variablerPerInstans.get(v.processInstanceId);
    if (!vars) variablerPerInstans.set(v.processInstanceId, (vars = {}));
    vars[v.name] = variableValue(v);
  }
  const kontaktPerInstans = new Map<string, string>();
  for (const d of kontaktuppdateringar) {
    if (d.variableName !== 'kontaktEtablerad' || d.value !== true) continue;
    const forst = kontaktPerInstans.get(d.processInstanceId);
    if (!forst || Date.parse(d.time) < Date.parse(forst)) kontaktPerInstans.set(d.processInstanceId, d.time);
  }
  return { variablerPerInstans, kontaktPerInstans };
}

/** Consents the contacts name, in one read of the register. */
async function lasSamtycken(
  db: Knex,
  kuIdn: string[],
  variablerPerInstans: Map<string, Record<string, unknown>>,
): Promise<Map<string, Samtyckesrad>> {
  const samtyckesIdn = new Set<string>();
  for (const i of kuIdn) {
    for (const { grund } of Object.values(KONTAKTUPPGIFTER)) {
      const id = /^samtycke:([0-9a-f-]{36})$/i.exec(text(variablerPerInstans.get(i)?.[grund]) ?? '')?.[1];
      if (id) samtyckesIdn.add(id);
    }
  }
  const samtycken = samtyckesIdn.size
    ? await db('samtycken')
        .whereIn('id', [...samtyckesIdn])
        .select<Samtyckesrad[]>('id', 'personnummer', 'mottagare', 'lamnat')
    : [];
  return new Map(samtycken.map((s) => [s.id, s]));
}

/** One case's facts, from what was read for the period. */
function arendefakta(a: Arenderad, u: Underlag): Arendefakta {
  const egna = u.instanserPerArende.get(a.arendenummer) ?? [];
  const rot = egna.find((i) => i.id === a.process_instance_id);
  const ku = egna.find((i) => i.processDefinitionKey === ('kontakt-och-utredning' satisfies Delprocess));
  const bu = egna.find((i) => i.processDefinitionKey === ('barn-och-unga' satisfies Delprocess));
  const rv = u.variablerPerInstans.get(a.process_instance_id) ?? {};
  const kv = (ku && u.variablerPerInstans.get(ku.id)) || {};
  const bv = (bu && u.variablerPerInstans.get(bu.id)) || {};
  const kuUppgifter = ku ? (u.uppgifterPerInstans.get(ku.id) ?? []) : [];
  const buUppgifter = bu ? (u.uppgifterPerInstans.get(bu.id) ?? []) : [];
  const klar = (lista: HistoricTask[], key: string) =>
    lista
      .filter((t) => t.taskDefinitionKey === key && t.endTime && t.deleteReason === 'completed')
      .map((t) => t.endTime!)
      .sort()[0] ?? null;

  const egnaBrev = u.brevPerArende.get(a.arendenummer) ?? [];
  // the confirmation to Kronofogden itself, not the tenant's copy
  const bekraftelse = egnaBrev.find((b) => b.typ === 'bekraftelse-kronofogden' && b.mottagare === 'kronofogden');
  const narvarade = rv.narvaradeBarnOchUnga;
  return {
    arendenummer: a.arendenummer,
    processKey: a.process_key,
    mottagen: iso(a.mottagen),
    avslutat: rot ? rot.state !== 'ACTIVE' && rot.state !== 'SUSPENDED' : false,
    bekraftelseTillKronofogden: bekraftelse
      ? { skapad: iso(bekraftelse.skapad), skickad: bekraftelse.skickad ? iso(bekraftelse.skickad) : null }
      : null,
    orsak: text(rv.orsak),
    atervinningsfrist: typeof rv.atervinningsfristSenast === 'string' && rv.atervinningsfristSenast !== '',
    atervinningsbeslut: text(rv.atervinningsbeslut),
    atervinningsfristenLoptUt: u.utanAtervinningIdn.has(a.process_instance_id),
    atagandebrev: egnaBrev
      .filter((b) => b.typ === 'atagande-betalningsansvar')
      .map((b) => ({
        skapad: iso(b.skapad),
        efterFrist: b.efter_frist,
        skickad: b.skickad ? iso(b.skickad) : null,
        fristSenast: b.frist_senast ? iso(b.frist_senast) : null,
      })),
    brev: egnaBrev.map((b) => ({ typ: b.typ, skapad: iso(b.skapad), skickad: b.skickad ? iso(b.skickad) : null })),
    forhandsbedomningSlut: klar(kuUppgifter, 'BeslutaOmUtredning'),
    forhandsbedomningGrans: text(rv.forhandsbedomningEskaleringSenast),
    sarskildaSkal: text(kv.sarskildaSkal) ?? text(rv.sarskildaSkal),
    barnBerors: a.barn || egna.some((i) => BARNFAKTA.some((n) => u.variablerPerInstans.get(i.id)?.[n] === true)),
    barnOchUngaInvolverade: bu !== undefined,
    barnutredning: bu ? { grans: text(bv.forhandsbedomningBarnSenast), beslutad: klar(buUppgifter, 'BedomBarnutredning') } : null,
    avhysningGenomford: rv.avhysningUtfall === 'genomford',
    narvaroBarnOchUnga:
      narvarade === undefined && rv.ejNarvaroSkalBarnOchUnga === undefined
        ? null
        : {
            narvarade: narvarade === true,
            skal: text(rv.ejNarvaroSkalBarnOchUnga),
            avstamtMedKronofogden: rv.ejNarvaroAvstamdMedKronofogdenBarnOchUnga === true,
          },
    kontakter: kontakter(a, kuUppgifter, kv, u.samtyckePerId),
    forstaPersonligaKontakt: ku ? (u.kontaktPerInstans.get(ku.id) ?? null) : null,
  };
}

/** The case's contacts, each with the basis kontakt-och-utredning recorded and the consent it names. */
function kontakter(
  a: Arenderad,
  kuUppgifter: HistoricTask[],
  kv: Record<string, unknown>,
  samtyckePerId: Map<string, Samtyckesrad>,
): Kontaktfakta[] {
  return kontaktuppgifter(kuUppgifter).map((u) => {
    const { slag, grund: namn } = KONTAKTUPPGIFTER[u.taskDefinitionKey]!;
    const grund = text(kv[namn]);
    const id = /^samtycke:(.+)$/.exec(grund ?? '')?.[1];
    const s = id ? samtyckePerId.get(id) : undefined;
    const samtycke: Samtyckesfakta | null = s
      ? { sammaPerson: s.personnummer === a.personnummer, mottagare: s.mottagare, lamnat: iso(s.lamnat) }
      : null;
    return { slag, tid: u.startTime, grund, ...(id ? { samtycke } : {}) };
  });
}

function groupBy<T>(lista: T[], nyckel: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of lista) {
    const k = nyckel(t);
    const l = m.get(k);
    if (l) l.push(t);
    else m.set(k, [t]);
  }
  return m;
}
