import type { Knex } from 'knex';
import type { Adress } from '../../domain/arendevariabler.ts';
import type { ProcessKey } from '../../domain/processer.ts';
import { lasSkyddadAdress } from '../../domain/skyddad-adress.ts';
import type { ActivityInstance, HistoricActivityInstance, HistoricProcessInstance } from '../../engine-rest/types.ts';
import { fromVariable } from '../../engine-rest/variables.ts';
import { fristpost, type Fristpost } from '../../frister/index.ts';
import type { Engine } from '../engine/engine.ts';
import { arArendetsEnhet, kanLasaArende, lasAllaArenden, handlaggarenheter, type Anvandare } from '../auth/roller.ts';
import { dagarKvar } from './arendelage.ts';

/**
 * What the viewer and the API show of cases: the case register (Bokvar's
 * table) joined with what the engine knows (running instances, tasks, timers,
 * history, variables). Access is decided here so every way in (API, pages)
 * sees the same.
 */
export interface ArendeRad {
  arendenummer: string;
  /** Only the intake writes it, from the catalogue. */
  process_key: ProcessKey;
  process_instance_id: string | null;
  mottagen: Date;
  skapad: Date;
  enheter: string[];
  personnummer: string | null;
  barn: boolean;
  /** Who registered the notice through the intake. */
  registrerad_av?: string | null;
}

export interface Aktivitet {
  id: string;
  namn: string;
  typ: string;
  processInstanceId: string;
}

/** Active activities in an instance's tree: leaves and transition instances (async continuations). */
export function aktivaAktiviteter(tree: ActivityInstance): Aktivitet[] {
  const out: Aktivitet[] = [];
  const walk = (node: ActivityInstance): void => {
    for (const t of node.childTransitionInstances ?? []) {
      out.push({
        id: rensa(t.activityId),
        namn: t.activityName ?? t.activityId,
        typ: t.activityType,
        processInstanceId: tree.processInstanceId ?? tree.id,
      });
    }
    const children = node.childActivityInstances ?? [];
    if (children.length === 0 && node !== tree && !node.activityId.endsWith('#multiInstanceBody')) {
      out.push({
        id: rensa(node.activityId),
        namn: node.activityName ?? node.activityId,
        typ: node.activityType,
        processInstanceId: tree.processInstanceId ?? tree.id,
      });
    }
    for (const child of children) {
      // A call activity is active itself while its called instance runs.
      if (child.activityType === 'callActivity' && (child.childActivityInstances ?? []).length === 0) {
        out.push({
          id: rensa(child.activityId),
          namn: child.activityName ?? child.activityId,
          typ: child.activityType,
          processInstanceId: tree.processInstanceId ?? tree.id,
        });
        continue;
      }
      walk(child);
    }
  };
  walk(tree);
  return out;
}

const rensa = (activityId: string): string => activityId.replace(/#multiInstanceBody$/, '');

export async function hamtaRad(db: Knex, arendenummer: string): Promise<ArendeRad | undefined> {
  return db('arenden').where({ arendenummer }).whereNotNull('process_instance_id').first<ArendeRad | undefined>();
}

/** Variables of every instance of the case (history keeps the last value, also after the end). */
async function variabler(engine: Engine, instanser: string[]): Promise<Record<string, unknown>> {
  if (instanser.length === 0) return {};
  const rows = (await Promise.all(instanser.map((processInstanceId) => engine.history.variableInstances({ processInstanceId }))))
    .flat()
    .filter((r) => VARIABLER.includes(r.name));
  const result: Record<string, unknown> = {};
  // The main instance wins over called ones: it is listed first.
  for (const id of [...instanser].reverse()) {
    for (const row of rows.filter((r) => r.processInstanceId === id)) {
      result[row.name] = fromVariable(row.type, row.value);
    }
  }
  return result;
}

const VARIABLER = [
  'fristunderlag',
  'skyddadIdentitet',
  'barnBerorda',
  'barnEnligtAnmalan',
  'barnEnligtHyresvard',
  'barnEnligtHandlaggare',
  'barnOchUngaInvolverade',
  'adress',
  'adressSkyddad',
  'hyresgast',
  'kalla',
  'orsak',
  'malnummer',
  'avhysningsdatum',
];

/** What the case view shows of a fristunderlag entry (an entry the calendar could not have written is left out). */
const fristoversikt = fristpost.pick({ benamning: true, sistaDag: true, senast: true, forfaller: true, art: true }).partial();

export interface Detalj {
  arendenummer: string;
  processKey: ProcessKey;
  processInstanceId: string;
  status: 'pagaende' | 'avslutat' | 'incident';
  mottagen: string;
  aktiviteter: Aktivitet[];
  frister: Record<string, Partial<Pick<Fristpost, 'benamning' | 'sistaDag' | 'senast' | 'forfaller' | 'art'>>>;
  barnBerorda: boolean;
  skyddadIdentitet: boolean;
  hyresgast?: { namn?: string };
  adress?: unknown;
  /**
   * Protected identity: the tenancy's address from Bokvar's own table, only for the
   * case's own units (e.g. to attend the eviction); the read is logged with
   * resurs 'skyddad-adress'. Never in the engine, whose history every reader of the case sees.
   */
  skyddadAdress?: Adress;
  /** Kronofogden cases: the eviction day now in force (after a granted anstånd, the new day). */
  avhysningsdatum?: string;
  brev: { id: string; typ: string; mottagare: string; skapad: string; skickad: string | null; skickadAv: string | null }[];
  samtycken: { id: string; mottagare: string[]; syften: string[]; form: string; lamnat: string; giltigtTill: string | null }[];
  relateradeArenden: string[];
  instanser: { id: string; processDefinitionKey: string; ended: boolean }[];
  tidslinje: { aktivitet: string; namn: string; typ: string; start: string; slut: string | null; avbruten: boolean }[];
}

/** A case as the engine knows it: its register row, every instance (main first) and their variables. */
export interface ArendetsInstanser {
  rad: ArendeRad & { process_instance_id: string };
  historik: HistoricProcessInstance[];
  /** Instance ids, the main instance first. */
  instanser: string[];
  variabler: Record<string, unknown>;
  barnBerorda: boolean;
}

/**
 * The case's instances and variables, when the user may read the case; every
 * view of a case (case view, diagram, the auditor's timeline) starts here, so
 * they all decide access the same way. undefined: no such case, or not readable.
 */
export async function lasArende(db: Knex, engine: Engine, a: Anvandare, arendenummer: string): Promise<ArendetsInstanser | undefined> {
  const rad = await hamtaRad(db, arendenummer);
  if (!rad?.process_instance_id) return undefined;
  const historik = await engine.history.processInstances({
    processInstanceBusinessKey: arendenummer,
    sorting: [{ sortBy: 'startTime', sortOrder: 'asc' }],
  });
  const instanser = [rad.process_instance_id, ...historik.filter((h) => h.id !== rad.process_instance_id).map((h) => h.id)];
  const v = await variabler(engine, instanser);
  const barnBerorda =
    rad.barn ||
    [v.barnBerorda, v.barnEnligtAnmalan, v.barnEnligtHyresvard, v.barnEnligtHandlaggare, v.barnOchUngaInvolverade].some((x) => x === true);
  if (!kanLasaArende(a, rad.enheter, barnBerorda)) return undefined;
  return { rad: rad as ArendetsInstanser['rad'], historik, instanser, variabler: v, barnBerorda };
}

/**
 * Every activity that ran in the instances, in the order it started. Within
 * one instance the engine's own order (occurrence) breaks ties of the same
 * millisecond, so a step never appears before the step that led to it.
 */
export async function aktivitetshistorik(engine: Engine, instanser: string[]): Promise<HistoricActivityInstance[]> {
  const perInstans = await Promise.all(
    instanser.map((processInstanceId) =>
      engine.history.activityInstances({
        processInstanceId,
        sorting: [
          { sortBy: 'startTime', sortOrder: 'asc' },
          { sortBy: 'occurrence', sortOrder: 'asc' },
        ],
      }),
    ),
  );
  const ordning = new Map(perInstans.flat().map((h, i) => [h, i]));
  return perInstans.flat().sort((x, y) => x.startTime.localeCompare(y.startTime) || ordning.get(x)! - ordning.get(y)!);
}

/** The deadlines the case page lists; an entry the calendar could not have written is left out. */
function fristoversikten(fristunderlag: unknown): Detalj['frister'] {
  const frister: Detalj['frister'] = {};
  for (const [typ, post] of Object.entries(fristunderlag ?? {})) {
    const f = fristoversikt.safeParse(post);
    if (f.success) {
      const { benamning, sistaDag, senast, forfaller, art } = f.data;
      frister[typ] = { benamning, sistaDag, senast, forfaller, art };
    }
  }
  return frister;
}

async function arendetsBrev(db: Knex, arendenummer: string): Promise<Detalj['brev']> {
  const rader = await db('brev')
    .where({ arendenummer })
    .orderBy('skapad')
    .select<{ id: string; typ: string; mottagare: string; skapad: Date; skickad: Date | null; skickad_av: string | null }[]>(
      'id',
      'typ',
      'mottagare',
      'skapad',
      'skickad',
      'skickad_av',
    );
  return rader.map((b) => ({
    id: b.id,
    typ: b.typ,
    mottagare: b.mottagare,
    skapad: b.skapad.toISOString(),
    skickad: b.skickad?.toISOString() ?? null,
    skickadAv: b.skickad_av,
  }));
}

async function arendetsSamtycken(db: Knex, arendenummer: string): Promise<Detalj['samtycken']> {
  const rader = await db('samtycken')
    .where({ arendenummer })
    .orderBy('lamnat')
    .select<{ id: string; mottagare: string[]; syften: string[]; form: string; lamnat: Date; giltigt_till: Date | null }[]>(
      'id',
      'mottagare',
      'syften',
      'form',
      'lamnat',
      'giltigt_till',
    );
  return rader.map((s) => ({
    id: s.id,
    mottagare: s.mottagare,
    syften: s.syften,
    form: s.form,
    lamnat: s.lamnat.toISOString(),
    giltigtTill: s.giltigt_till?.toISOString() ?? null,
  }));
}

/** undefined: no such case, or the user may not read it (the same answer: 404). */
export async function detalj(db: Knex, engine: Engine, a: Anvandare, arendenummer: string): Promise<Detalj | undefined> {
  const arende = await lasArende(db, engine, a, arendenummer);
  if (!arende) return undefined;
  const { rad, historik, instanser, variabler: v, barnBerorda } = arende;
  const rot = historik.find((h) => h.id === rad.process_instance_id);

  // Independent reads run together: the case view's time is its slowest read, not their sum.
  const aktiva = historik.filter((h) => h.state === 'ACTIVE');
  const [trees, incidenter, historikAktiviteter, brev, samtycken, relaterade] = await Promise.all([
    Promise.all(aktiva.map((i) => engine.runtime.activityInstanceTree(i.id).catch(() => undefined))),
    engine.runtime.incidents({ processInstanceId: rad.process_instance_id }),
    aktivitetshistorik(engine, instanser),
    arendetsBrev(db, arendenummer),
    arendetsSamtycken(db, arendenummer),
    rad.personnummer
      ? db('arenden').where({ personnummer: rad.personnummer }).whereNot({ arendenummer }).orderBy('skapad').pluck<string[]>('arendenummer')
      : Promise.resolve([] as string[]),
  ]);
  const aktiviteter: Aktivitet[] = trees.flatMap((tree) => (tree ? aktivaAktiviteter(tree).filter((x) => x.typ !== 'callActivity') : []));

  // adressSkyddad: the intake already knew, before the folkbokföring check has answered.
  const skyddad = v.skyddadIdentitet === true || v.adressSkyddad === true;
  const skyddadAdress =
    skyddad && arArendetsEnhet(a, rad.enheter, barnBerorda) ? (await lasSkyddadAdress(db, arendenummer))?.adress : undefined;
  const frister = fristoversikten(v.fristunderlag);
  const status: Detalj['status'] = incidenter.length > 0 ? 'incident' : rot?.state === 'ACTIVE' ? 'pagaende' : 'avslutat';
  return {
    arendenummer,
    processKey: rad.process_key,
    processInstanceId: rad.process_instance_id,
    status,
    mottagen: rad.mottagen.toISOString(),
    aktiviteter,
    frister,
    barnBerorda,
    skyddadIdentitet: skyddad,
    hyresgast: { namn: (v.hyresgast as { namn?: string } | undefined)?.namn },
    // Protected identity: an address still in the engine (a case started before Bokvar kept it out) is never shown.
    ...(skyddad ? {} : { adress: v.adress }),
    ...(skyddadAdress ? { skyddadAdress } : {}),
    ...(typeof v.avhysningsdatum === 'string' ? { avhysningsdatum: v.avhysningsdatum } : {}),
    brev,
    samtycken,
    relateradeArenden: relaterade,
    instanser: historik.map((h) => ({ id: h.id, processDefinitionKey: h.processDefinitionKey, ended: h.state !== 'ACTIVE' })),
    tidslinje: historikAktiviteter
      .filter((h) => !['multiInstanceBody', 'sequenceFlow'].includes(h.activityType) && h.activityName)
      .map((h) => ({
        aktivitet: h.activityId,
        namn: h.activityName ?? h.activityId,
        typ: h.activityType,
        start: h.startTime,
        slut: h.endTime,
        avbruten: h.canceled,
      })),
  };
}

export interface ListRad {
  arendenummer: string;
  processKey: ProcessKey;
  barn: boolean;
  aktuellt: string[];
  nastaFrist: string | null;
  dagarKvar: number | null;
}

export interface Listfilter {
  barn?: boolean;
  processKey?: string;
  enhet?: string;
  sok?: string;
  forsta: number;
  max: number;
}

export interface Lista {
  totalt: number;
  arenden: ListRad[];
  /** The case index holds every engine change up to this time (null: not built yet). */
  indexeradTid: string | null;
}

/**
 * Open cases the user may see, sorted by the next deadline: the earliest due
 * timer or task due date among the case's running instances. Read from the
 * case index (arendeindex.ts), which follows the engine within seconds.
 */
export async function lista(db: Knex, a: Anvandare, filter: Listfilter): Promise<Lista> {
  const q = db('arenden as a')
    .join('arendeindex as i', 'i.arendenummer', 'a.arendenummer')
    .where('i.oppen', true)
    .whereNotNull('a.process_instance_id');
  if (!lasAllaArenden(a)) q.whereRaw('a.enheter && ?::text[]', [handlaggarenheter(a)]);
  if (filter.barn !== undefined) q.where('a.barn', filter.barn);
  if (filter.processKey) q.where('a.process_key', filter.processKey);
  if (filter.enhet) q.whereRaw('? = ANY(a.enheter)', [filter.enhet]);
  if (filter.sok) q.where('a.arendenummer', 'like', `${filter.sok.replace(/[%_\\]/g, '')}%`);
  const [rader, antal, status] = await Promise.all([
    q
      .clone()
      .orderByRaw('i.nasta_frist ASC NULLS LAST, i.arendenummer ASC')
      .limit(filter.max)
      .offset(filter.forsta)
      .select<{ arendenummer: string; process_key: ProcessKey; barn: boolean; aktuellt: string[]; nasta_frist: Date | null }[]>(
        'a.arendenummer',
        'a.process_key',
        'a.barn',
        'i.aktuellt',
        'i.nasta_frist',
      ),
    q.clone().count<{ count: string }[]>('* as count'),
    db('arendeindex_status').where({ id: 1 }).first<{ andringar_till: Date | null } | undefined>(),
  ]);
  const nu = new Date();
  return {
    totalt: Number(antal[0]?.count ?? 0),
    arenden: rader.map((r) => ({
      arendenummer: r.arendenummer,
      processKey: r.process_key,
      barn: r.barn,
      aktuellt: r.aktuellt,
      nastaFrist: r.nasta_frist?.toISOString() ?? null,
      dagarKvar: dagarKvar(r.nasta_frist, nu),
    })),
    indexeradTid: status?.andringar_till?.toISOString() ?? null,
  };
}

/**
 * Writes the read log (append-only): who read which case, when, through which
 * view, and — for reads from the auditor's pages — for what purpose.
 */
export async function loggaLasning(
  db: Knex,
  a: Anvandare,
  arendenummer: string,
  vy: string,
  resurs?: string,
  syfte?: string,
): Promise<void> {
  await db('lasloggar').insert({ anvandare: a.id, arendenummer, vy, resurs: resurs ?? null, syfte: syfte ?? null });
}
