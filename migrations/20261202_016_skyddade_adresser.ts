import type { Knex } from 'knex';

/**
 * Protected identity: the tenancy's address of a tenant with
 * skyddad folkbokföring or sekretessmarkering never stays in the engine, whose
 * variables and history many roles can read for years (Cockpit, REST, the
 * history tables). Bokvar keeps it here instead, under its own access checks
 * (the case's own units, every read logged). One row per case: the address
 * the notice gave (`kalla`: 'underrattelse' from the landlord or another
 * reporter, 'kronofogden' from Kronofogden's notice).
 *
 * No foreign key to `arenden`: the folkbokföring worker also moves the address
 * of an instance started outside the intake (a case number without a row), and
 * gallring removes a case's row here together with the case (ui/gallring).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('skyddade_adresser', (t) => {
    t.text('arendenummer').primary();
    t.jsonb('adress').notNullable();
    t.text('kalla').notNullable();
    t.timestamp('registrerad', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE skyddade_adresser ADD CONSTRAINT skyddade_adresser_kalla CHECK (kalla IN ('underrattelse', 'kronofogden'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('skyddade_adresser');
}
