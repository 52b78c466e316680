import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AKTUELLA_IMPORT } from '../../../workers/aktuell-kontroll/import.ts';
import { lasUttag } from '../../../workers/registerimport.ts';

const fixtur = (namn: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', namn), 'utf8');

describe('reading the extract of who is aktuell where (CSV)', () => {
  it('reads every line, deriving the administration from the unit when the column is empty', () => {
    const { rader, fel } = lasUttag(AKTUELLA_IMPORT, fixtur('aktuella.csv'));
    expect(fel).toEqual([]);
    expect(rader).toHaveLength(7);
    expect(rader[1]).toEqual({
      rad: 3,
      varde: {
        personnummer: '198503149828',
        enhet: 'vuxen',
        forvaltning: 'socialtjanst',
        enhetsnamn: 'Vuxen Centrum',
        aktuell_sedan: '2026-03-01',
        aktuell_till: undefined,
      },
    });
    expect(rader[2]?.varde).toMatchObject({ enhet: 'barn-och-unga', forvaltning: 'socialtjanst', aktuell_till: '2024-06-30' });
  });

  it('reports each bad line by number and column, without the values', () => {
    const { rader, fel } = lasUttag(AKTUELLA_IMPORT, fixtur('aktuella-med-fel.csv'));
    expect(rader.map((r) => r.rad)).toEqual([2]);
    expect(fel).toEqual([
      {
        rad: 3,
        fel: [
          expect.stringMatching(
            /^enhet: ska vara en av vuxen, barn-och-unga, ekonomiskt-bistand, funktionsstod, aldre, etableringsenheten$/,
          ),
        ],
      },
      { rad: 4, fel: ['forvaltning: enheten hör till förvaltningen funktionsstod'] },
      { rad: 5, fel: ['aktuell_till: ligger före aktuell_sedan'] },
      { rad: 6, fel: ['personnummer: Personnumret har fel kontrollsiffra'] },
      { rad: 7, fel: ['aktuell_sedan: saknas'] },
    ]);
    const rapport = JSON.stringify(fel);
    for (const varde of ['198512249966', 'socialpsykiatri', 'Sydväst', '2025-01-01']) expect(rapport).not.toContain(varde);
  });
});
