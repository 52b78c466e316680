import type { Knex } from 'knex';

/**
 * The case index: what the case list needs of the engine's state, kept by the
 * UI (ui/arenden/arendeindex.ts) so that the list is one SQL query instead of
 * reading every open instance, task and timer from the engine.
 *
 * `arendeindex`: one row per business key (case number) the engine has run:
 * whether the case is open (an instance runs), its next deadline and current
 * tasks, and `indexerad`, when the engine reads behind the row began. A write
 * only replaces a row read earlier, so two refreshes (two UI processes, or a
 * periodic and an immediate one) can run at once and the newest read wins.
 * Rows are keyed by the business key, not tied to `arenden`, so a register row
 * written after the engine started the case still finds its state.
 *
 * `arendeindex_status` (one row): `andringar_till`, the time up to which
 * every engine change is in the index (the list shows it as indexeradTid);
 * `ombyggt`, the last full rebuild.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('arendeindex', (t) => {
    t.text('arendenummer').primary();
    t.boolean('oppen').notNullable();
    t.timestamp('nasta_frist', { useTz: true });
    t.specificType('aktuellt', 'text[]').notNullable().defaultTo('{}');
    t.timestamp('indexerad', { useTz: true }).notNullable();
  });
  // The list's order, over open cases only.
  await knex.raw('CREATE INDEX arendeindex_lista ON arendeindex (nasta_frist NULLS LAST, arendenummer) WHERE oppen');

  await knex.schema.createTable('arendeindex_status', (t) => {
    t.smallint('id').primary();
    t.timestamp('andringar_till', { useTz: true });
    t.timestamp('ombyggt', { useTz: true });
  });
  await knex.raw('ALTER TABLE arendeindex_status ADD CONSTRAINT arendeindex_status_en_rad CHECK (id = 1)');
  await knex('arendeindex_status').insert({ id: 1 });
  // The filters by unit join on the register's units.
  await knex.raw('CREATE INDEX arenden_enheter ON arenden USING gin (enheter)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS arenden_enheter');
  await knex.schema.dropTableIfExists('arendeindex_status');
  await knex.schema.dropTableIfExists('arendeindex');
}
