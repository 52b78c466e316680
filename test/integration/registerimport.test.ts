import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Knex } from 'knex';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKnex, migrateLatest } from '../../migrations/index.ts';
import { repoRoot } from '../../scripts/config.ts';
import { databaseName, siblingDatabase } from '../../scripts/database.ts';
import { laddaUtvecklingsdata } from '../../scripts/syntetisk-data.ts';
import { AKTUELLA_IMPORT } from '../../workers/aktuell-kontroll/import.ts';
import { FOLKBOKFORING_IMPORT } from '../../workers/folkbokforing/import.ts';
import { CsvFilError, importeraUttag } from '../../workers/registerimport.ts';
import { stack } from './support/engine.ts';
import { fixturUttag, tabellavtryck } from './support/registerdata.ts';

/**
 * The import commands' logic on a real PostgreSQL: a database of this file's
 * own (beside the stack's), so that replacing a whole register touches no
 * other test's people.
 */
const url = () => siblingDatabase(stack().databaseUrl, '_registerimport');
const uttag = {
  folkbokforing: fs.readFileSync(fixturUttag.folkbokforing, 'utf8'),
  folkbokforingMedFel: fs.readFileSync(path.join(path.dirname(fixturUttag.folkbokforing), 'navet-uttag-med-fel.csv'), 'utf8'),
  aktuella: fs.readFileSync(fixturUttag.aktuella, 'utf8'),
  aktuellaMedFel: fs.readFileSync(path.join(path.dirname(fixturUttag.aktuella), 'aktuella-med-fel.csv'), 'utf8'),
};

async function administrera(sql: string): Promise<void> {
  const maintenance = new URL(url());
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let db: Knex;
beforeAll(async () => {
  await administrera(`DROP DATABASE IF EXISTS "${databaseName(url())}" WITH (FORCE)`);
  await administrera(`CREATE DATABASE "${databaseName(url())}"`);
  await migrateLatest(url());
  db = createKnex(url());
});
afterAll(async () => {
  await db.destroy();
  await administrera(`DROP DATABASE IF EXISTS "${databaseName(url())}" WITH (FORCE)`);
});
beforeEach(async () => {
  await db('folkbokforing_personer').delete();
  await db('aktuella').delete();
});

describe('importing a folkbokföring extract', () => {
  it('loads a valid file', async () => {
    // when
    const resultat = await importeraUttag(db, FOLKBOKFORING_IMPORT, uttag.folkbokforing);

    // then
    expect(resultat).toEqual({ lasta: 17, nya: 17, andrade: 0, oforandrade: 0, borttagna: 0, fel: [] });
    const anna = await db('folkbokforing_personer')
      .where({ personnummer: '198503149828' })
      .first(db.raw('fornamn, adressnyckel, lagenhetsnummer, folkbokforingsdatum::text AS datum, sekretessmarkering'));
    expect(anna).toEqual({
      fornamn: 'Anna',
      adressnyckel: 'LINNÉGATAN 12B|41304',
      lagenhetsnummer: '1102',
      datum: '2018-03-01',
      sekretessmarkering: false,
    });
  });

  it('writes the good lines and reports the bad ones by number, including a person twice', async () => {
    const resultat = await importeraUttag(db, FOLKBOKFORING_IMPORT, uttag.folkbokforingMedFel);
    expect(resultat).toMatchObject({ lasta: 1, nya: 1 });
    expect(resultat.fel.map((f) => f.rad)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(resultat.fel.at(-1)).toEqual({ rad: 9, fel: ['personnummer: finns redan på rad 2'] });
    expect(await db('folkbokforing_personer').pluck('personnummer')).toEqual(['198503149828']);
  });

  it('is idempotent: the same file again writes no row', async () => {
    // given
    await importeraUttag(db, FOLKBOKFORING_IMPORT, uttag.folkbokforing);
    const fore = await tabellavtryck(db, 'folkbokforing_personer');

    // when
    const igen = await importeraUttag(db, FOLKBOKFORING_IMPORT, uttag.folkbokforing);

    // then: nothing new, nothing changed, not even a row version
    expect(igen).toEqual({ lasta: 17, nya: 0, andrade: 0, oforandrade: 17, borttagna: 0, fel: [] });
    expect(await tabellavtryck(db, 'folkbokforing_personer')).toEqual(fore);
  });

  it('updates what changed, and only that', async () => {
    await importeraUttag(db, FOLKBOKFORING_IMPORT, uttag.folkbokforing);
    const flyttad = uttag.folkbokforing.replace(
      '199202029865;Sara;;Kvar;;;VASAGATAN 3;41124;GÖTEBORG;1201',
      '199202029865;Sara;;Kvar;;;KUNGSGATAN 1;41119;GÖTEBORG;1301',
    );
    expect(await importeraUttag(db, FOLKBOKFORING_IMPORT, flyttad)).toMatchObject({ nya: 0, andrade: 1, oforandrade: 16 });
    expect(await db('folkbokforing_personer').where({ personnummer: '199202029865' }).first('adressnyckel')).toEqual({
      adressnyckel: 'KUNGSGATAN 1|41119',
    });
  });

  it('replaces the whole register with --ersatt: persons no longer in the extract are removed', async () => {
    await importeraUttag(db, FOLKBOKFORING_IMPORT, uttag.folkbokforing);
    const utanSara = uttag.folkbokforing
      .split('\n')
      .filter((rad) => !rad.startsWith('199202029865'))
      .join('\n');
    expect(await importeraUttag(db, FOLKBOKFORING_IMPORT, utanSara, { ersatt: true })).toMatchObject({
      lasta: 16,
      oforandrade: 16,
      borttagna: 1,
    });
    expect(await db('folkbokforing_personer').where({ personnummer: '199202029865' }).first()).toBeUndefined();
  });

  it('refuses a complete extract with bad lines, and changes nothing', async () => {
    await importeraUttag(db, FOLKBOKFORING_IMPORT, uttag.folkbokforing);
    const fore = await tabellavtryck(db, 'folkbokforing_personer');
    await expect(importeraUttag(db, FOLKBOKFORING_IMPORT, uttag.folkbokforingMedFel, { ersatt: true })).rejects.toThrow(CsvFilError);
    expect(await tabellavtryck(db, 'folkbokforing_personer')).toEqual(fore);
  });
});

describe('importing the extract of who is aktuell where', () => {
  it('loads, reports bad lines, and is idempotent', async () => {
    expect(await importeraUttag(db, AKTUELLA_IMPORT, uttag.aktuella)).toEqual({
      lasta: 7,
      nya: 7,
      andrade: 0,
      oforandrade: 0,
      borttagna: 0,
      fel: [],
    });
    const fore = await tabellavtryck(db, 'aktuella');
    expect(await importeraUttag(db, AKTUELLA_IMPORT, uttag.aktuella)).toMatchObject({ nya: 0, andrade: 0, oforandrade: 7 });
    expect(await tabellavtryck(db, 'aktuella')).toEqual(fore);

    const medFel = await importeraUttag(db, AKTUELLA_IMPORT, uttag.aktuellaMedFel);
    expect(medFel.fel.map((f) => f.rad)).toEqual([3, 4, 5, 6, 7]);
    expect(medFel).toMatchObject({ lasta: 1, oforandrade: 1 });
  });

  it('replaces with --ersatt by person and unit', async () => {
    await importeraUttag(db, AKTUELLA_IMPORT, uttag.aktuella);
    const utanVuxen = uttag.aktuella
      .split('\n')
      .filter((rad) => !rad.includes(';vuxen;'))
      .join('\n');
    expect(await importeraUttag(db, AKTUELLA_IMPORT, utanVuxen, { ersatt: true })).toMatchObject({ borttagna: 1, lasta: 6 });
    expect(await db('aktuella').where({ personnummer: '198503149828' }).orderBy('enhet').pluck('enhet')).toEqual([
      'barn-och-unga',
      'ekonomiskt-bistand',
    ]);
  });
});

describe('the import commands', () => {
  const run = promisify(execFile);
  const kommando = async (skript: string, ...args: string[]) => {
    try {
      const { stdout, stderr } = await run('npx', ['tsx', path.join(repoRoot, 'scripts', skript), ...args], {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: url() },
      });
      return { kod: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { kod: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('import-folkbokforing reports counts and bad lines without personal data, and exits 2', async () => {
    const { kod, stdout } = await kommando(
      'import-folkbokforing.ts',
      path.join(path.dirname(fixturUttag.folkbokforing), 'navet-uttag-med-fel.csv'),
    );
    expect(kod).toBe(2);
    expect(stdout).toContain('Folkbokföring: 1 rader lästa: 1 nya, 0 ändrade, 0 oförändrade, 0 borttagna.');
    expect(stdout).toContain('  rad 3: personnummer: Personnumret har fel kontrollsiffra');
    for (const varde of ['198503149829', 'Kontrollsiffra', 'LINNÉGATAN', 'Alva']) expect(stdout).not.toContain(varde);
  });

  it('import-aktuella exits 0 on a good file and 1 with nothing read when the header is wrong', async () => {
    expect(await kommando('import-aktuella.ts', fixturUttag.aktuella)).toMatchObject({ kod: 0, stdout: expect.stringContaining('7 nya') });
    const fel = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bokvar-')), 'fel.csv');
    fs.writeFileSync(fel, 'personnummer;enhet\n198503149828;vuxen\n');
    expect(await kommando('import-aktuella.ts', fel)).toMatchObject({
      kod: 1,
      stderr: 'Aktuella: inget lästes in. Rubrikraden saknar kolumnerna aktuell_sedan\n',
    });
  });
});

describe('development data', () => {
  it('laddaUtvecklingsdata fills empty tables with the synthetic population, and leaves filled ones alone', async () => {
    expect(await laddaUtvecklingsdata(url(), { antal: 2000 })).toMatchObject({ laddad: true, personer: expect.any(Number) });
    const antal = await db('folkbokforing_personer').count({ n: '*' }).first();
    expect(Number(antal?.n)).toBeGreaterThanOrEqual(2000);
    expect(Number((await db('aktuella').count({ n: '*' }).first())?.n)).toBeGreaterThan(0);
    expect(await laddaUtvecklingsdata(url(), { antal: 2000 })).toEqual({ laddad: false, personer: 0, aktuella: 0 });
  });
});
