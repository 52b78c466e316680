/**
 * Synthetic register data for development: a population nobody in which exists
 * (workers/folkbokforing/syntetisk.ts) and who of it is aktuell where
 * (workers/aktuell-kontroll/syntetisk.ts), as the CSV extracts the import
 * commands read — so development data takes the same road as real data.
 */
import type { Knex } from 'knex';
import { createKnex } from '../migrations/index.ts';
import { AKTUELLA_IMPORT, skrivAktuellaCsv } from '../workers/aktuell-kontroll/import.ts';
import { genereraAktuella } from '../workers/aktuell-kontroll/syntetisk.ts';
import { FOLKBOKFORING_IMPORT, skrivFolkbokforingCsv } from '../workers/folkbokforing/import.ts';
import { FOLKBOKFORING_TABELL } from '../workers/folkbokforing/postgres-register.ts';
import { genereraPopulation, type SyntetiskaOptions, type SyntetiskPopulation } from '../workers/folkbokforing/syntetisk.ts';
import { importeraUttag } from '../workers/registerimport.ts';

export const UTVECKLINGSDATA: Required<Pick<SyntetiskaOptions, 'antal' | 'seed'>> = { antal: 10_000, seed: 20261125 };

export interface SyntetiskaExtrakt {
  population: SyntetiskPopulation;
  folkbokforingCsv: string;
  aktuellaCsv: string;
}

export function syntetiskaExtrakt(options: SyntetiskaOptions): SyntetiskaExtrakt {
  const population = genereraPopulation(options);
  return {
    population,
    folkbokforingCsv: skrivFolkbokforingCsv(population.personer),
    aktuellaCsv: skrivAktuellaCsv(genereraAktuella(population)),
  };
}

/** Imports both extracts (upsert: loading the same data again writes nothing). */
export async function laddaExtrakt(db: Knex, extrakt: SyntetiskaExtrakt): Promise<{ personer: number; aktuella: number }> {
  const personer = await importeraUttag(db, FOLKBOKFORING_IMPORT, extrakt.folkbokforingCsv);
  const aktuella = await importeraUttag(db, AKTUELLA_IMPORT, extrakt.aktuellaCsv);
  if (personer.fel.length + aktuella.fel.length > 0) throw new Error('Den syntetiska datan klarade inte importens kontroller');
  return { personer: personer.lasta, aktuella: aktuella.lasta };
}

/**
 * For `npm start` in development: fills the folkbokföring and aktuella tables
 * with the synthetic population (10 000 persons, fixed seed) when the
 * folkbokföring table is empty, after the migrations. Leaves a filled table
 * alone (real or earlier data), and refuses in production.
 */
export async function laddaUtvecklingsdata(
  databaseUrl: string,
  options: Partial<SyntetiskaOptions> = {},
): Promise<{ laddad: boolean; personer: number; aktuella: number }> {
  if (process.env.BOKVAR_MILJO === 'produktion') throw new Error('Syntetisk data laddas aldrig i produktion');
  const db = createKnex(databaseUrl);
  try {
    const finns = await db(FOLKBOKFORING_TABELL).first(db.raw('1 AS finns'));
    if (finns) return { laddad: false, personer: 0, aktuella: 0 };
    const antal = await laddaExtrakt(db, syntetiskaExtrakt({ ...UTVECKLINGSDATA, ...options }));
    return { laddad: true, ...antal };
  } finally {
    await db.destroy();
  }
}
