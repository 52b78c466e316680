import type { Knex } from 'knex';

/**
 * Later events of a case as they came through the API: one row per
 * distinct event, keyed by the case and a hash of its content, so the same
 * event sent twice reaches the engine once and the sender learns it was
 * already taken. `status` 'skickas' while it is being handed to the engine
 * (until `las_till`), 'mottagen' once the engine took it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('arendehandelser', (t) => {
    t.bigIncrements('id');
    t.text('arendenummer').notNullable();
    t.text('typ').notNullable();
    t.text('nyckel').notNullable();
    t.text('status').notNullable();
    t.timestamp('las_till', { useTz: true });
    t.text('registrerad_av').notNullable();
    t.timestamp('skapad', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('mottagen', { useTz: true });
    t.unique(['arendenummer', 'nyckel']);
  });
  await knex.raw(`ALTER TABLE arendehandelser ADD CONSTRAINT arendehandelser_status CHECK (status IN ('skickas', 'mottagen'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('arendehandelser');
}
