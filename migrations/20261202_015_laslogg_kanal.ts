import type { Knex } from 'knex';

/**
 * The read log covers the engine too: the engine writes each read of
 * a case's variables or forms through /engine-rest, Tasklist or Cockpit here
 * (engine/…/CaseReadLogFilter.java). `kanal` is where the read happened
 * (bokvar: Bokvar's own pages and API; tasklist, cockpit, rest: the engine),
 * `kategori` who read: a person, a technical user (workers, Bokvar's UI) or an
 * administrator. Rows written before this have kanal 'bokvar', kategori 'person'.
 * Adding columns with constant defaults rewrites no row, so the append-only
 * triggers stay as they are.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('lasloggar', (t) => {
    t.text('kanal').notNullable().defaultTo('bokvar');
    t.text('kategori').notNullable().defaultTo('person');
  });
  await knex.raw(
    `ALTER TABLE lasloggar ADD CONSTRAINT lasloggar_kanal CHECK (kanal IN ('bokvar', 'tasklist', 'cockpit', 'admin', 'webapp', 'rest'))`,
  );
  await knex.raw(`ALTER TABLE lasloggar ADD CONSTRAINT lasloggar_kategori CHECK (kategori IN ('person', 'teknisk', 'administrator'))`);
  await knex.schema.alterTable('lasloggar', (t) => {
    t.index(['kategori', 'tidpunkt']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('lasloggar', (t) => {
    t.dropIndex(['kategori', 'tidpunkt']);
    t.dropChecks(['lasloggar_kanal', 'lasloggar_kategori']);
    t.dropColumns('kanal', 'kategori');
  });
}
