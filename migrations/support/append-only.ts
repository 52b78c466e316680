import type { Knex } from 'knex';

/**
 * For a migration that creates a table Bokvar only ever adds to (a log, a
 * register, a record of draws): a trigger refuses UPDATE, DELETE and TRUNCATE
 * in the database itself, for every user. The one way out is culling
 * (ui/gallring/gallring.ts): a DELETE of rows the current transaction has named
 * in its transaction-local setting `bokvar.gallring`.
 *
 * The tables made append-only before this helper existed (lasloggar,
 * samtycken, samtycke_aterkallelser, stickprov) keep the SQL their migrations
 * wrote; this writes the same for a new table.
 */
export interface AppendOnly {
  table: string;
  /** The refusal, in Swedish, before ": <operation> i <table> är inte tillåtet.": e.g. 'Stickproven ändras aldrig'. */
  refusal: string;
  /** Said after the refusal, e.g. 'Registrera en återkallelse i stället.' */
  hint?: string;
  /**
   * The DELETE culling may do: an SQL expression (over OLD) that `bokvar.gallring`
   * must equal, e.g. `'arende:' || OLD.arendenummer`. Without it nothing is ever deleted.
   */
  culling?: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The statements that make the table append-only: its trigger function, then the row and the TRUNCATE trigger. */
export function appendOnlySql(a: AppendOnly): string[] {
  if (!IDENTIFIER.test(a.table)) throw new Error(`appendOnlySql: '${a.table}' is not a plain table name`);
  const fn = `${a.table}_endast_tillagg`;
  const literal = `'${raiseText(a.refusal)}: % i % är inte tillåtet.${a.hint ? ` ${raiseText(a.hint)}` : ''}'`;
  const culling = a.culling
    ? `
  IF TG_OP = 'DELETE' THEN
    IF current_setting('bokvar.gallring', true) = ${a.culling} THEN
      RETURN OLD;
    END IF;
  END IF;`
    : '';
  return [
    `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN${culling}
  RAISE EXCEPTION ${literal}, TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$`,
    `CREATE TRIGGER ${a.table}_endast_tillagg BEFORE UPDATE OR DELETE ON ${a.table}
  FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${a.table}_ingen_tomning BEFORE TRUNCATE ON ${a.table}
  FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  ];
}

/** Text inside RAISE's format literal: a quote doubled for SQL, a % doubled so that it is no placeholder. */
function raiseText(text: string): string {
  return text.replace(/'/g, "''").replace(/%/g, '%%');
}

/** The statements that undo appendOnlySql, for a migration's `down` (after or before dropping the table). */
export function dropAppendOnlySql(table: string): string[] {
  if (!IDENTIFIER.test(table)) throw new Error(`dropAppendOnlySql: '${table}' is not a plain table name`);
  return [`DROP FUNCTION IF EXISTS ${table}_endast_tillagg() CASCADE`];
}

export async function makeAppendOnly(knex: Knex, a: AppendOnly): Promise<void> {
  for (const sql of appendOnlySql(a)) await knex.raw(sql);
}

export async function dropAppendOnly(knex: Knex, table: string): Promise<void> {
  for (const sql of dropAppendOnlySql(table)) await knex.raw(sql);
}
