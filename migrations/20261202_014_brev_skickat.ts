import type { Knex } from 'knex';

/**
 * Written versus sent: Bokvar writes a letter, the registry
 * sends it. A letter records when it was sent (`skickad`), who registered that
 * (`skickad_av`) and when the registration was made (`skickad_registrerad`).
 *
 * The archive keeps its integrity: a letter row is never changed, except that
 * the three sent fields may be set once, together, from empty. The trigger
 * refuses every other update (gallring still deletes whole rows).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('brev', (t) => {
    t.timestamp('skickad', { useTz: true });
    t.text('skickad_av');
    t.timestamp('skickad_registrerad', { useTz: true });
  });
  await knex.raw(`
    ALTER TABLE brev
      ADD CONSTRAINT brev_skickad CHECK (
        (skickad IS NULL AND skickad_av IS NULL AND skickad_registrerad IS NULL)
        OR (skickad IS NOT NULL AND skickad_av IS NOT NULL AND skickad_registrerad IS NOT NULL)
      )
  `);
  await knex.raw(`
    CREATE FUNCTION brev_endast_skickad() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.skickad IS NULL AND NEW.skickad IS NOT NULL
         AND (to_jsonb(NEW) - ARRAY['skickad', 'skickad_av', 'skickad_registrerad'])
           = (to_jsonb(OLD) - ARRAY['skickad', 'skickad_av', 'skickad_registrerad']) THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'Brevarkivet ändras aldrig: bara skickad-uppgifterna får sättas, en gång (%).', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END
    $$
  `);
  await knex.raw(`
    CREATE TRIGGER brev_endast_skickad BEFORE UPDATE ON brev
      FOR EACH ROW EXECUTE FUNCTION brev_endast_skickad()
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS brev_endast_skickad ON brev');
  await knex.raw('DROP FUNCTION IF EXISTS brev_endast_skickad()');
  await knex.raw('ALTER TABLE brev DROP CONSTRAINT IF EXISTS brev_skickad');
  await knex.schema.alterTable('brev', (t) => {
    t.dropColumns('skickad', 'skickad_av', 'skickad_registrerad');
  });
}
