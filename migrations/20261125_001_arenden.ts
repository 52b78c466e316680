import type { Knex } from 'knex';

/**
 * The case register: one row per case (ärende), the link between the case
 * number people use and the process instance that runs it. The source
 * reference makes a notice sent twice land on the same case.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('arenden', (t) => {
    t.text('arendenummer').primary();
    t.text('process_key').notNullable();
    t.text('process_instance_id').unique();
    t.text('kallreferens').notNullable().unique();
    t.timestamp('mottagen', { useTz: true }).notNullable();
    t.timestamp('skapad', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  // Case numbers are BV-<year>-<serial>; the serial never repeats, even across years.
  await knex.raw('CREATE SEQUENCE arende_lopnummer START 1');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP SEQUENCE IF EXISTS arende_lopnummer');
  await knex.schema.dropTableIfExists('arenden');
}
