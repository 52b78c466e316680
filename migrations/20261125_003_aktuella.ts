import type { Knex } from 'knex';

/**
 * Who is already known to the municipality's social services and neighbouring
 * administrations (aktuell): one row per person and unit, loaded from the case
 * system's extract (`scripts/import-aktuella.ts`, docs/import.md). The
 * aktuell-kontroll worker only reads it, by personnummer (the primary key's
 * first column).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('aktuella', (t) => {
    t.text('personnummer').notNullable();
    t.text('enhet').notNullable();
    t.text('forvaltning').notNullable();
    t.text('enhetsnamn');
    t.date('aktuell_sedan').notNullable();
    t.date('aktuell_till');
    t.timestamp('uppdaterad', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['personnummer', 'enhet']);
  });
  await knex.raw(`ALTER TABLE aktuella ADD CONSTRAINT aktuella_personnummer_form CHECK (personnummer ~ '^[0-9]{12}$')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('aktuella');
}
