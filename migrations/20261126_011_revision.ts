import type { Knex } from 'knex';

/**
 * The auditor's view: a read of a case opened from the compliance report or
 * the auditor's pages records its purpose (syfte), so that the read-access
 * review (loggkontroll) can see why, not only who and when.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('lasloggar', (t) => {
    t.text('syfte');
    t.index(['anvandare', 'tidpunkt']);
    t.index(['tidpunkt']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('lasloggar', (t) => {
    t.dropIndex(['tidpunkt']);
    t.dropIndex(['anvandare', 'tidpunkt']);
    t.dropColumn('syfte');
  });
}
