import type { Knex } from 'knex';

/**
 * The population register as Bokvar holds it: one row per person from the
 * latest Navet/SPAR extract (`scripts/import-folkbokforing.ts`, docs/import.md).
 * The folkbokforing worker only reads it. `adressnyckel` is the normalised
 * street line and postcode (workers/folkbokforing/adress.ts) that addresses are
 * looked up by. The table is as sensitive as the extract: it holds the
 * addresses of persons with protected identity, which never leave it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('folkbokforing_personer', (t) => {
    t.text('personnummer').primary();
    t.text('fornamn').notNullable();
    t.text('mellannamn');
    t.text('efternamn').notNullable();
    t.text('co_adress');
    t.text('utdelningsadress1');
    t.text('utdelningsadress2');
    t.text('postnummer');
    t.text('postort');
    t.text('lagenhetsnummer');
    t.text('adressnyckel');
    t.date('folkbokforingsdatum');
    t.boolean('sekretessmarkering').notNullable().defaultTo(false);
    t.boolean('skyddad_folkbokforing').notNullable().defaultTo(false);
    t.text('avregistreringsorsak');
    t.date('avregistreringsdatum');
    t.timestamp('uppdaterad', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE folkbokforing_personer ADD CONSTRAINT folkbokforing_personnummer_form CHECK (personnummer ~ '^[0-9]{12}$')`);
  // The address lookup: only persons still registered count as living somewhere.
  await knex.raw('CREATE INDEX folkbokforing_adressnyckel ON folkbokforing_personer (adressnyckel) WHERE avregistreringsorsak IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('folkbokforing_personer');
}
