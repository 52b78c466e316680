import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { dagensBorjan, dagensSlut, tidMedSekunder } from '../../domain/svensk-tid.ts';
import type { CsvColumn } from './csv.ts';
import { dra, nyttSeed } from './stickprov.ts';

/**
 * The read log (lasloggar) as the auditor reviews it: filtered by user, case
 * and period, paged, and the random samples drawn from it (table stickprov).
 * Reading the read log is not a read of a case, so it is not itself logged;
 * each sample is recorded, and that record is the review's documentation.
 */
const datum = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ska vara ett datum, ÅÅÅÅ-MM-DD')
  .refine((s) => DateTime.fromISO(s).isValid, 'finns inte i kalendern');

/** Empty form fields mean "no filter". */
const valfri = <S extends z.ZodType>(s: S) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

/** Where a read happened: Bokvar's pages and API, or the engine (docs/loggkontroll.md). */
export const KANALER = ['bokvar', 'tasklist', 'cockpit', 'admin', 'webapp', 'rest'] as const;
/** Who read: a person at work, a technical user (workers, Bokvar's UI), an administrator. */
export const KATEGORIER = ['person', 'teknisk', 'administrator'] as const;

export const KANALNAMN: Record<(typeof KANALER)[number], string> = {
  bokvar: 'Bokvar',
  tasklist: 'Tasklist',
  cockpit: 'Cockpit',
  admin: 'Admin (motorn)',
  webapp: 'Motorns webbappar',
  rest: 'Motorns REST-API',
};

export const KATEGORINAMN: Record<(typeof KATEGORIER)[number], string> = {
  person: 'Handläggare och granskare',
  teknisk: 'Teknisk användare',
  administrator: 'Administratör',
};

const filterfalt = {
  anvandare: valfri(z.string().trim().min(1).max(100)),
  arende: valfri(z.string().trim().min(1).max(50)),
  kanal: valfri(z.enum(KANALER)),
  kategori: valfri(z.enum(KATEGORIER)),
  fran: valfri(datum),
  till: valfri(datum),
};

const periodOk = (f: { fran?: string; till?: string }, ctx: z.RefinementCtx) => {
  if (f.fran && f.till && f.till < f.fran) ctx.addIssue({ code: 'custom', path: ['till'], message: 'får inte vara före från-datumet' });
};

export const lasloggfilterSchema = z.strictObject(filterfalt).superRefine(periodOk);
export type Lasloggfilter = z.output<typeof lasloggfilterSchema>;

export const lasloggfragaSchema = z
  .strictObject({
    ...filterfalt,
    forsta: valfri(z.coerce.number().int().min(0)).default(0),
    max: valfri(z.coerce.number().int().min(1).max(1000)).default(100),
    format: valfri(z.enum(['json', 'csv'])).default('json'),
  })
  .superRefine(periodOk);

export const stickprovSchema = z.strictObject({
  filter: lasloggfilterSchema.default({}),
  antal: z.number().int().min(1).max(1000),
});

export interface Lasloggrad {
  id: string;
  tidpunkt: Date;
  anvandare: string;
  arendenummer: string;
  vy: string;
  resurs: string | null;
  syfte: string | null;
  kanal: (typeof KANALER)[number];
  kategori: (typeof KATEGORIER)[number];
}

/** The period is whole Swedish days: from the start of `fran` to the end of `till`. */
function filtrerad(db: Knex, f: Lasloggfilter): Knex.QueryBuilder {
  let q = db('lasloggar');
  if (f.anvandare) q = q.where({ anvandare: f.anvandare });
  if (f.arende) q = q.where({ arendenummer: f.arende });
  if (f.kanal) q = q.where({ kanal: f.kanal });
  if (f.kategori) q = q.where({ kategori: f.kategori });
  if (f.fran) q = q.where('tidpunkt', '>=', dagensBorjan(f.fran));
  if (f.till) q = q.where('tidpunkt', '<', dagensSlut(f.till));
  return q;
}

const KOLUMNER = ['id', 'tidpunkt', 'anvandare', 'kategori', 'kanal', 'arendenummer', 'vy', 'resurs', 'syfte'];

export async function sok(db: Knex, f: Lasloggfilter, forsta: number, max: number): Promise<{ totalt: number; rader: Lasloggrad[] }> {
  const [{ count }] = (await filtrerad(db, f).count('* as count')) as [{ count: string }];
  const rader = await filtrerad(db, f).orderBy([{ column: 'tidpunkt', order: 'desc' }, { column: 'id', order: 'desc' }]).offset(forsta).limit(max).select<Lasloggrad[]>(KOLUMNER);
  return { totalt: Number(count), rader };
}

/** Every matching row, oldest first (the CSV export). */
export async function alla(db: Knex, f: Lasloggfilter): Promise<Lasloggrad[]> {
  return filtrerad(db, f).orderBy([{ column: 'tidpunkt', order: 'asc' }, { column: 'id', order: 'asc' }]).select<Lasloggrad[]>(KOLUMNER);
}

export const LASLOGG_KOLUMNER: CsvColumn<Lasloggrad>[] = [
  { rubrik: 'Id', varde: (r) => r.id },
  { rubrik: 'Tidpunkt', varde: (r) => tidMedSekunder(r.tidpunkt) },
  { rubrik: 'Användare', varde: (r) => r.anvandare },
  { rubrik: 'Kategori', varde: (r) => r.kategori },
  { rubrik: 'Kanal', varde: (r) => r.kanal },
  { rubrik: 'Ärendenummer', varde: (r) => r.arendenummer },
  { rubrik: 'Vy', varde: (r) => r.vy },
  { rubrik: 'Resurs', varde: (r) => r.resurs },
  { rubrik: 'Syfte', varde: (r) => r.syfte },
];

export interface Stickprov {
  id: string;
  tidpunkt: Date;
  dragenAv: string;
  filter: Lasloggfilter;
  antal: number;
  populationsstorlek: number;
  hogstaId: string | null;
  seed: string;
  radIds: string[];
}

interface StickprovRad {
  id: string;
  tidpunkt: Date;
  dragen_av: string;
  filter: Lasloggfilter;
  antal: number;
  populationsstorlek: number;
  hogsta_id: string | null;
  seed: string;
  rad_ids: string[];
}

const franRad = (r: StickprovRad): Stickprov => ({
  id: String(r.id),
  tidpunkt: r.tidpunkt,
  dragenAv: r.dragen_av,
  filter: r.filter,
  antal: r.antal,
  populationsstorlek: r.populationsstorlek,
  hogstaId: r.hogsta_id === null ? null : String(r.hogsta_id),
  seed: r.seed,
  radIds: r.rad_ids.map(String),
});

/** The population a draw is made from: the filter's row ids up to `hogstaId`, ascending. */
export async function population(db: Knex, f: Lasloggfilter, hogstaId: string | null): Promise<string[]> {
  if (hogstaId === null) return [];
  const ids = await filtrerad(db, f).where('id', '<=', hogstaId).orderBy('id').pluck<string[]>('id');
  return ids.map(String);
}

/**
 * Draws and records a sample. The population is fixed by the highest row id
 * at the moment of drawing, so reads logged later do not change it.
 */
export async function draStickprov(db: Knex, dragenAv: string, filter: Lasloggfilter, antal: number): Promise<Stickprov> {
  const [{ max }] = (await db('lasloggar').max('id as max')) as [{ max: string | null }];
  const hogstaId = max === null ? null : String(max);
  const ids = await population(db, filter, hogstaId);
  const seed = nyttSeed();
  const dragna = dra(ids, antal, seed);
  const [rad] = await db('stickprov')
    .insert({ dragen_av: dragenAv, filter, antal, populationsstorlek: ids.length, hogsta_id: hogstaId, seed, rad_ids: dragna })
    .returning<StickprovRad[]>('*');
  return franRad(rad!);
}

export async function stickprov(db: Knex, id: string): Promise<Stickprov | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const rad = await db('stickprov').where({ id }).first<StickprovRad | undefined>();
  return rad ? franRad(rad) : undefined;
}

export async function allaStickprov(db: Knex, max?: number): Promise<Stickprov[]> {
  const q = db('stickprov').orderBy('id', 'desc');
  if (max) q.limit(max);
  return (await q.select<StickprovRad[]>('*')).map(franRad);
}

/** The drawn rows that are still in the read log (culling may have removed some). */
export async function dragnaRader(db: Knex, s: Stickprov): Promise<Lasloggrad[]> {
  if (s.radIds.length === 0) return [];
  return db('lasloggar').whereIn('id', s.radIds).orderBy('id').select<Lasloggrad[]>(KOLUMNER);
}

export const STICKPROV_KOLUMNER: CsvColumn<Stickprov>[] = [
  { rubrik: 'Stickprov', varde: (s) => s.id },
  { rubrik: 'Tidpunkt', varde: (s) => tidMedSekunder(s.tidpunkt) },
  { rubrik: 'Dragen av', varde: (s) => s.dragenAv },
  { rubrik: 'Filter användare', varde: (s) => s.filter.anvandare },
  { rubrik: 'Filter ärende', varde: (s) => s.filter.arende },
  { rubrik: 'Filter kanal', varde: (s) => s.filter.kanal },
  { rubrik: 'Filter kategori', varde: (s) => s.filter.kategori },
  { rubrik: 'Filter från', varde: (s) => s.filter.fran },
  { rubrik: 'Filter till', varde: (s) => s.filter.till },
  { rubrik: 'Begärt antal', varde: (s) => s.antal },
  { rubrik: 'Populationsstorlek', varde: (s) => s.populationsstorlek },
  { rubrik: 'Högsta rad-id', varde: (s) => s.hogstaId },
  { rubrik: 'Seed', varde: (s) => s.seed },
  { rubrik: 'Dragna rader', varde: (s) => s.radIds },
];

export function stickprovJson(s: Stickprov) {
  return { ...s, tidpunkt: s.tidpunkt.toISOString() };
}
