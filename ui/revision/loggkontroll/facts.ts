import type { Knex } from 'knex';
import { dagensBorjan, dagensSlut } from '../../../domain/svensk-tid.ts';
import type { Lasloggfilter, Lasloggrad, Stickprov } from './index.ts';
import { draw, newSeed } from './stickprov.ts';

/**
 * The read log and the recorded samples in the database: the filtered,
 * paged rows, every row for the export, and drawing, recording and reading
 * samples.
 */

/** The period is whole Swedish days: from the start of `fran` to the end of `till`. */
function filtered(db: Knex, f: Lasloggfilter): Knex.QueryBuilder {
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
  const [{ count }] = (await filtered(db, f).count('* as count')) as [{ count: string }];
  const rader = await filtered(db, f)
    .orderBy([
      { column: 'tidpunkt', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .offset(forsta)
    .limit(max)
    .select<Lasloggrad[]>(KOLUMNER);
  return { totalt: Number(count), rader };
}

/** Every matching row, oldest first (the CSV export). */
export async function alla(db: Knex, f: Lasloggfilter): Promise<Lasloggrad[]> {
  return filtered(db, f)
    .orderBy([
      { column: 'tidpunkt', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .select<Lasloggrad[]>(KOLUMNER);
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

const fromRow = (r: StickprovRad): Stickprov => ({
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
  const ids = await filtered(db, f).where('id', '<=', hogstaId).orderBy('id').pluck<string[]>('id');
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
  const seed = newSeed();
  const dragna = draw(ids, antal, seed);
  const [rad] = await db('stickprov')
    .insert({ dragen_av: dragenAv, filter, antal, populationsstorlek: ids.length, hogsta_id: hogstaId, seed, rad_ids: dragna })
    .returning<StickprovRad[]>('*');
  return fromRow(rad!);
}

export async function stickprov(db: Knex, id: string): Promise<Stickprov | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const rad = await db('stickprov').where({ id }).first<StickprovRad | undefined>();
  return rad ? fromRow(rad) : undefined;
}

export async function allaStickprov(db: Knex, max?: number): Promise<Stickprov[]> {
  const q = db('stickprov').orderBy('id', 'desc');
  if (max) q.limit(max);
  return (await q.select<StickprovRad[]>('*')).map(fromRow);
}

/** The drawn rows that are still in the read log (culling may have removed some). */
export async function dragnaRader(db: Knex, s: Stickprov): Promise<Lasloggrad[]> {
  if (s.radIds.length === 0) return [];
  return db('lasloggar').whereIn('id', s.radIds).orderBy('id').select<Lasloggrad[]>(KOLUMNER);
}
