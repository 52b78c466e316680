import knex, { type Knex } from 'knex';
import * as arenden from './20261125_001_arenden.ts';
import * as folkbokforing from './20261125_002_folkbokforing.ts';
import * as aktuella from './20261125_003_aktuella.ts';
import * as samtycke from './20261125_004_samtycke.ts';
import * as brev from './20261125_005_brev.ts';
import * as ui from './20261125_010_ui.ts';
import * as revision from './20261126_011_revision.ts';
import * as loggkontroll from './20261126_012_loggkontroll.ts';
import * as arendeindex from './20261126_013_arendeindex.ts';
import * as brevSkickat from './20261202_014_brev_skickat.ts';
import * as lasloggKanal from './20261202_015_laslogg_kanal.ts';
import * as skyddadeAdresser from './20261202_016_skyddade_adresser.ts';
import * as arendestart from './20261202_017_arendestart.ts';
import * as arendehandelser from './20261202_018_arendehandelser.ts';
import * as processmigreringar from './20261202_019_processmigreringar.ts';

/**
 * Bokvar's migrations in the order they apply. Listed explicitly (not read
 * from the folder) so that they run the same under tsx, vitest and a bundle.
 */
const MIGRATIONS: Record<string, Knex.Migration> = {
  '20261125_001_arenden': arenden,
  '20261125_002_folkbokforing': folkbokforing,
  '20261125_003_aktuella': aktuella,
  '20261125_004_samtycke': samtycke,
  '20261125_005_brev': brev,
  '20261125_010_ui': ui,
  '20261126_011_revision': revision,
  '20261126_012_loggkontroll': loggkontroll,
  '20261126_013_arendeindex': arendeindex,
  '20261202_014_brev_skickat': brevSkickat,
  '20261202_015_laslogg_kanal': lasloggKanal,
  '20261202_016_skyddade_adresser': skyddadeAdresser,
  '20261202_017_arendestart': arendestart,
  '20261202_018_arendehandelser': arendehandelser,
  '20261202_019_processmigreringar': processmigreringar,
};

const source: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(MIGRATIONS),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const migration = MIGRATIONS[name];
    if (!migration) throw new Error(`Okänd migrering ${name}`);
    return migration;
  },
};

export function createKnex(databaseUrl: string): Knex {
  return knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 10 } });
}

/** Applies every pending migration; returns the names it applied. */
export async function migrateLatest(databaseUrl: string): Promise<string[]> {
  const db = createKnex(databaseUrl);
  try {
    const [, applied] = (await db.migrate.latest({ migrationSource: source })) as [number, string[]];
    return applied;
  } finally {
    await db.destroy();
  }
}
