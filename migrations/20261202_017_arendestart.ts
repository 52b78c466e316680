import type { Knex } from 'knex';

/**
 * The intake's start lease: a case row without a process instance
 * is a start under way until `start_las_till`. Nobody else starts that case
 * before the lease has run out; after that a repeat of the notice, or the
 * intake's clean-up, asks the engine whether the case started and links it,
 * or removes the row (ui/intake/arendestart.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('arenden', (t) => {
    t.timestamp('start_las_till', { useTz: true });
  });
  await knex.raw('CREATE INDEX arenden_ostartade ON arenden (start_las_till) WHERE process_instance_id IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS arenden_ostartade');
  await knex.schema.alterTable('arenden', (t) => {
    t.dropColumn('start_las_till');
  });
}
