import type { Knex } from 'knex';

/**
 * Samtyckesregistret (OSL 12 kap. 2 §; handboken, "Vilken sekretess råder för
 * arbetet?"): vad den enskilde har samtyckt till, och varje återkallelse.
 * Båda tabellerna är tillägg-bara: ett samtycke ändras eller raderas aldrig, en
 * återkallelse är en ny rad. Databasen vägrar UPDATE, DELETE och TRUNCATE, så
 * att inte heller ett misstag i koden eller en handpåläggning i databasen kan
 * skriva om vad som tillät en kontakt.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('samtycken', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('personnummer').notNullable().index();
    // Samtycket omfattar varje kombination av mottagare och syfte.
    t.specificType('mottagare', 'text[]').notNullable();
    t.specificType('syften', 'text[]').notNullable();
    t.text('form').notNullable();
    t.timestamp('lamnat', { useTz: true }).notNullable();
    // Första ögonblicket då samtycket inte gäller; null = tills vidare.
    t.timestamp('giltigt_till', { useTz: true });
    // Vad samtycket omfattar, med formulärets ord.
    t.text('anteckning');
    t.text('dokumenterat_av').notNullable();
    t.text('arendenummer');
    t.text('process_instance_id');
    t.timestamp('skapad', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // Samma uppgift levererad två gånger (samma externa task) ger samma rad.
    t.text('idempotensnyckel').notNullable().unique();
  });
  await knex.raw(`
    ALTER TABLE samtycken
      ADD CONSTRAINT samtycken_form CHECK (form IN ('skriftligt', 'muntligt')),
      ADD CONSTRAINT samtycken_mottagare CHECK (cardinality(mottagare) > 0),
      ADD CONSTRAINT samtycken_syften CHECK (cardinality(syften) > 0),
      ADD CONSTRAINT samtycken_giltighet CHECK (giltigt_till IS NULL OR giltigt_till > lamnat)
  `);

  await knex.schema.createTable('samtycke_aterkallelser', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('personnummer').notNullable().index();
    // Ett visst samtycke, eller null: alla personens samtycken lämnade före återkallelsen.
    t.uuid('samtycke_id').references('id').inTable('samtycken');
    // Återkallade mottagare och syften; null = alla (hela samtycket).
    t.specificType('mottagare', 'text[]');
    t.specificType('syften', 'text[]');
    t.timestamp('aterkallat', { useTz: true }).notNullable();
    t.text('dokumenterat_av').notNullable();
    t.text('skal');
    t.text('arendenummer');
    t.text('process_instance_id');
    t.timestamp('skapad', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('idempotensnyckel').notNullable().unique();
  });
  await knex.raw(`
    ALTER TABLE samtycke_aterkallelser
      ADD CONSTRAINT samtycke_aterkallelser_mottagare CHECK (mottagare IS NULL OR cardinality(mottagare) > 0),
      ADD CONSTRAINT samtycke_aterkallelser_syften CHECK (syften IS NULL OR cardinality(syften) > 0)
  `);

  await knex.raw(`
    CREATE FUNCTION samtycke_endast_tillagg() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'Samtyckesregistret ändras aldrig: % i % är inte tillåtet. Registrera en återkallelse i stället.',
        TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END
    $$
  `);
  for (const table of ['samtycken', 'samtycke_aterkallelser']) {
    await knex.raw(`
      CREATE TRIGGER ${table}_endast_tillagg BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION samtycke_endast_tillagg()
    `);
    await knex.raw(`
      CREATE TRIGGER ${table}_ingen_tomning BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION samtycke_endast_tillagg()
    `);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('samtycke_aterkallelser');
  await knex.schema.dropTableIfExists('samtycken');
  await knex.raw('DROP FUNCTION IF EXISTS samtycke_endast_tillagg()');
}
