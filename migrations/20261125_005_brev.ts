import type { Knex } from 'knex';

/**
 * Every letter Bokvar produced: the PDF/A itself and its SHA-256, the template
 * version, the recipient's role and the channel, the deadline it served and
 * whether it came after it, linked to the case and the process instance. A task
 * delivered twice finds its letter by (external task, letter type, recipient)
 * instead of writing a second one.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('brev', (t) => {
    t.uuid('id').primary();
    t.text('arendenummer').notNullable().index();
    t.text('process_instance_id').notNullable().index();
    t.text('external_task_id').notNullable();
    t.text('typ').notNullable();
    t.text('mottagare').notNullable();
    t.text('kanal').notNullable();
    t.text('mallversion').notNullable();
    t.text('sha256').notNullable();
    t.binary('pdf').notNullable();
    t.text('fristtyp');
    t.timestamp('frist_senast', { useTz: true });
    /** The fristunderlag entry as it was when the letter was made. */
    t.jsonb('frist');
    t.boolean('efter_frist').notNullable().defaultTo(false);
    t.timestamp('skapad', { useTz: true }).notNullable();
    t.unique(['external_task_id', 'typ', 'mottagare'], { indexName: 'brev_en_per_uppgift' });
  });
  await knex.raw(`
    ALTER TABLE brev
      ADD CONSTRAINT brev_kanal CHECK (kanal IN ('post', 'rekommenderat', 'epost-myndighet', 'sarskild-postformedling')),
      ADD CONSTRAINT brev_mottagare CHECK (mottagare IN ('hyresgast', 'hyresvard', 'kronofogden')),
      ADD CONSTRAINT brev_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      ADD CONSTRAINT brev_frist CHECK ((fristtyp IS NULL) = (frist_senast IS NULL))
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('brev');
}
