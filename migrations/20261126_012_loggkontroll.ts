import type { Knex } from 'knex';

/**
 * Loggkontroll and gallring.
 *
 * `stickprov`: every random sample an auditor drew from the read log — who,
 * when, the filter, the size asked for, the population (how many rows matched,
 * up to which id), the seed and the drawn row ids — so that the review is
 * documented and anyone can redo the draw (ui/revision/loggkontroll/stickprov.ts).
 * Append-only like the read log.
 *
 * `arenden.avslutad`, `arenden.gallras_efter`: when the case's root process
 * instance ended, and the engine's removal time for it as Bokvar last saw it.
 * `gallringar`: one row per culled case (case number and dates, no personal
 * data), the record that culling happened.
 *
 * The append-only triggers of the read log, the consent register and the
 * draws now let exactly one thing through: a DELETE of rows the current
 * transaction has named in the transaction-local setting `bokvar.gallring`
 * ('arende:<nr>' for a case's read log, 'person:<personnummer>' for a person's
 * consent records, 'stickprov' for draws). Only the cleanup
 * (ui/gallring/gallring.ts) sets it, after checking that the engine no longer
 * holds the case's history and its removal time has passed. UPDATE and
 * TRUNCATE stay refused for everyone.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('stickprov', (t) => {
    t.bigIncrements('id').primary();
    t.timestamp('tidpunkt', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('dragen_av').notNullable();
    /** The filter as the auditor gave it: anvandare, arende, fran, till. */
    t.jsonb('filter').notNullable();
    t.integer('antal').notNullable();
    /** Rows that matched the filter with id <= hogsta_id: the population drawn from. */
    t.integer('populationsstorlek').notNullable();
    t.bigInteger('hogsta_id');
    t.text('seed').notNullable();
    t.specificType('rad_ids', 'bigint[]').notNullable();
  });
  await knex.raw(`ALTER TABLE stickprov ADD CONSTRAINT stickprov_antal CHECK (antal > 0 AND cardinality(rad_ids) <= antal)`);

  await knex.schema.alterTable('arenden', (t) => {
    t.timestamp('avslutad', { useTz: true });
    t.timestamp('gallras_efter', { useTz: true });
  });

  await knex.schema.createTable('gallringar', (t) => {
    t.bigIncrements('id').primary();
    t.text('arendenummer').notNullable().unique();
    t.timestamp('avslutad', { useTz: true }).notNullable();
    t.timestamp('gallras_efter', { useTz: true }).notNullable();
    t.timestamp('gallrad', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    /** Rows removed per table. */
    t.jsonb('rader').notNullable();
  });

  await knex.raw(`
    CREATE OR REPLACE FUNCTION lasloggar_endast_tillagg() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF current_setting('bokvar.gallring', true) = 'arende:' || OLD.arendenummer THEN
          RETURN OLD;
        END IF;
      END IF;
      RAISE EXCEPTION 'Läsloggen ändras aldrig: % i % är inte tillåtet.', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END
    $$
  `);
  await knex.raw(`
    CREATE OR REPLACE FUNCTION samtycke_endast_tillagg() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF current_setting('bokvar.gallring', true) = 'person:' || OLD.personnummer THEN
          RETURN OLD;
        END IF;
      END IF;
      RAISE EXCEPTION 'Samtyckesregistret ändras aldrig: % i % är inte tillåtet. Registrera en återkallelse i stället.',
        TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END
    $$
  `);
  await knex.raw(`
    CREATE FUNCTION stickprov_endast_tillagg() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF current_setting('bokvar.gallring', true) = 'stickprov' THEN
          RETURN OLD;
        END IF;
      END IF;
      RAISE EXCEPTION 'Stickproven ändras aldrig: % i % är inte tillåtet.', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END
    $$
  `);
  await knex.raw(`
    CREATE TRIGGER stickprov_endast_tillagg BEFORE UPDATE OR DELETE ON stickprov
      FOR EACH ROW EXECUTE FUNCTION stickprov_endast_tillagg()
  `);
  await knex.raw(`
    CREATE TRIGGER stickprov_ingen_tomning BEFORE TRUNCATE ON stickprov
      FOR EACH STATEMENT EXECUTE FUNCTION stickprov_endast_tillagg()
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('stickprov');
  await knex.raw('DROP FUNCTION IF EXISTS stickprov_endast_tillagg()');
  await knex.schema.dropTableIfExists('gallringar');
  await knex.schema.alterTable('arenden', (t) => {
    t.dropColumns('avslutad', 'gallras_efter');
  });
  await knex.raw(`
    CREATE OR REPLACE FUNCTION lasloggar_endast_tillagg() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'Läsloggen ändras aldrig: % i % är inte tillåtet.', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END
    $$
  `);
  await knex.raw(`
    CREATE OR REPLACE FUNCTION samtycke_endast_tillagg() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'Samtyckesregistret ändras aldrig: % i % är inte tillåtet. Registrera en återkallelse i stället.',
        TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END
    $$
  `);
}
