import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendOnlySql, dropAppendOnlySql } from '../../../migrations/support/append-only.ts';

/**
 * The helper writes, for a new table, the SQL the migrations wrote by hand for
 * the read log, the consent register and the draws: read from the migration
 * files themselves, whitespace folded.
 */
const fold = (sql: string) => sql.replace(/\s+/g, ' ').trim();

function sqlIn(migration: string): string[] {
  const source = fs.readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'migrations', `${migration}.ts`), 'utf8');
  return [...source.matchAll(/knex\.raw\(`([^`]*)`\)/g)].map((m) => fold(m[1]!));
}

describe('append-only tables in migrations', () => {
  it('writes what the draws migration wrote: a function with the culling exception, a row trigger, a TRUNCATE trigger', () => {
    const sql = appendOnlySql({ table: 'stickprov', refusal: 'Stickproven ändras aldrig', culling: "'stickprov'" });
    expect(sql).toHaveLength(3);
    for (const statement of sql) expect(sqlIn('20261126_012_loggkontroll')).toContain(fold(statement));
  });

  it('without culling refuses every DELETE, as the read log did at first', () => {
    const sql = appendOnlySql({ table: 'lasloggar', refusal: 'Läsloggen ändras aldrig' });
    for (const statement of sql) expect(sqlIn('20261125_010_ui')).toContain(fold(statement));
    expect(sql[0]).not.toContain('bokvar.gallring');
  });

  it('lets culling delete by an expression over OLD, and says a hint after the refusal', () => {
    const [lasloggar] = appendOnlySql({ table: 'lasloggar', refusal: 'Läsloggen ändras aldrig', culling: "'arende:' || OLD.arendenummer" });
    const [samtycke] = appendOnlySql({
      table: 'samtycke',
      refusal: 'Samtyckesregistret ändras aldrig',
      hint: 'Registrera en återkallelse i stället.',
      culling: "'person:' || OLD.personnummer",
    });
    const replaced = sqlIn('20261126_012_loggkontroll').map((s) => s.replace('CREATE OR REPLACE FUNCTION', 'CREATE FUNCTION'));
    expect(replaced).toContain(fold(lasloggar!));
    expect(replaced).toContain(fold(samtycke!));
  });

  it('keeps quotes and per cent signs as text', () => {
    const [fn] = appendOnlySql({ table: 'prov', refusal: "Provets 100 % ändras aldrig, 'aldrig'" });
    expect(fold(fn!)).toContain(
      "RAISE EXCEPTION 'Provets 100 %% ändras aldrig, ''aldrig'': % i % är inte tillåtet.', TG_OP, TG_TABLE_NAME",
    );
  });

  it('takes only plain table names, and drops what it made', () => {
    expect(() => appendOnlySql({ table: 'prov; DROP TABLE arenden', refusal: 'x' })).toThrow(/plain table name/);
    expect(dropAppendOnlySql('prov')).toEqual(['DROP FUNCTION IF EXISTS prov_endast_tillagg() CASCADE']);
  });
});
