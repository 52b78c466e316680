import type { Knex } from 'knex';
import { dropAppendOnly, makeAppendOnly } from './support/append-only.ts';

/**
 * Every migration of a running instance to another version of its process
 * (npm run migrera, docs/processagare-versioner-och-migrering.md): one row per
 * instance and attempt, moved or not. The engine's history then shows the
 * instance only on its new version; this is where "which rules did the case
 * run under, and when did that change" stays readable, and who did it.
 * Append-only; culled with its case.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('processmigreringar', (t) => {
    t.bigIncrements('id');
    /** The case (the instance's business key); null for an instance outside any case. */
    t.text('arendenummer');
    t.text('process_instance_id').notNullable();
    t.text('process_key').notNullable();
    t.text('fran_definition_id').notNullable();
    t.integer('fran_version').notNullable();
    t.text('fran_versionstagg');
    t.text('till_definition_id').notNullable();
    t.integer('till_version').notNullable();
    t.text('till_versionstagg');
    t.text('batch_id');
    /** The person who ran the tool, and the engine user it authenticated as. */
    t.text('utford_av').notNullable();
    t.text('motoranvandare').notNullable();
    t.text('resultat').notNullable();
    /** Why it was not moved (the engine's message); null when it was. */
    t.text('orsak');
    t.text('planfil');
    t.timestamp('tid', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['arendenummer']);
  });
  await knex.raw(`ALTER TABLE processmigreringar ADD CONSTRAINT processmigreringar_resultat CHECK (resultat IN ('flyttad', 'ej-flyttad'))`);
  await makeAppendOnly(knex, {
    table: 'processmigreringar',
    refusal: 'Migreringsloggen ändras aldrig',
    culling: `'arende:' || OLD.arendenummer`,
  });
}

export async function down(knex: Knex): Promise<void> {
  await dropAppendOnly(knex, 'processmigreringar');
  await knex.schema.dropTableIfExists('processmigreringar');
}
