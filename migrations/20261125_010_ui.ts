import type { Knex } from 'knex';

/**
 * The Bokvar UI's tables: browser sessions, the read log (loggkontroll), and
 * what the intake records about each case so that lists and access checks do
 * not need the engine: the units the case belongs to, the tenant (for related
 * cases) and whether the reporter named children.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('arenden', (t) => {
    t.specificType('enheter', 'text[]').notNullable().defaultTo('{}');
    t.text('personnummer').index();
    t.boolean('barn').notNullable().defaultTo(false);
    t.text('registrerad_av');
  });

  await knex.schema.createTable('sessioner', (t) => {
    // SHA-256 of the cookie's token: a leaked table does not hand out sessions.
    t.text('id').primary();
    t.text('anvandare').notNullable();
    t.specificType('grupper', 'text[]').notNullable();
    t.text('csrf').notNullable();
    t.timestamp('skapad', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('utgar', { useTz: true }).notNullable().index();
  });

  await knex.schema.createTable('lasloggar', (t) => {
    t.bigIncrements('id').primary();
    t.timestamp('tidpunkt', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('anvandare').notNullable();
    t.text('arendenummer').notNullable().index();
    // Which view read it: arende, diagram, brev, api …
    t.text('vy').notNullable();
    t.text('resurs');
  });
  await knex.raw(`
    CREATE FUNCTION lasloggar_endast_tillagg() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'Läsloggen ändras aldrig: % i % är inte tillåtet.', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END
    $$
  `);
  await knex.raw(`
    CREATE TRIGGER lasloggar_endast_tillagg BEFORE UPDATE OR DELETE ON lasloggar
      FOR EACH ROW EXECUTE FUNCTION lasloggar_endast_tillagg()
  `);
  await knex.raw(`
    CREATE TRIGGER lasloggar_ingen_tomning BEFORE TRUNCATE ON lasloggar
      FOR EACH STATEMENT EXECUTE FUNCTION lasloggar_endast_tillagg()
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('lasloggar');
  await knex.raw('DROP FUNCTION IF EXISTS lasloggar_endast_tillagg()');
  await knex.schema.dropTableIfExists('sessioner');
  await knex.schema.alterTable('arenden', (t) => {
    t.dropColumns('enheter', 'personnummer', 'barn', 'registrerad_av');
  });
}
