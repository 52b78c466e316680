import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FOLKBOKFORING_IMPORT, skrivFolkbokforingCsv } from '../../../workers/folkbokforing/import.ts';
import { genereraPopulation } from '../../../workers/folkbokforing/syntetisk.ts';
import { CsvFilError, lasUttag } from '../../../workers/registerimport.ts';
import { fixturer, navetUttag } from './minnesregister.ts';

const medFel = () => fs.readFileSync(path.join(fixturer, 'navet-uttag-med-fel.csv'), 'utf8');

describe('reading a folkbokföring extract (CSV)', () => {
  it('reads every line of a valid extract, as the table will hold it', () => {
    // when
    const { rader, fel } = lasUttag(FOLKBOKFORING_IMPORT, navetUttag());

    // then
    expect(fel).toEqual([]);
    expect(rader).toHaveLength(17);
    const anna = rader.find((r) => r.varde.personnummer === '198503149828');
    expect(anna).toMatchObject({
      rad: 2,
      varde: {
        fornamn: 'Anna',
        mellannamn: 'Maria',
        utdelningsadress2: 'LINNÉGATAN 12 B',
        postnummer: '41304',
        lagenhetsnummer: '1102',
        adressnyckel: 'LINNÉGATAN 12B|41304',
        folkbokforingsdatum: '2018-03-01', // Navet's ÅÅÅÅMMDD becomes ÅÅÅÅ-MM-DD
        sekretessmarkering: false,
        skyddad_folkbokforing: false,
      },
    });
  });

  it('reads flags, deregistration, c/o and a flat number inside the address line', () => {
    const rader = new Map(lasUttag(FOLKBOKFORING_IMPORT, navetUttag()).rader.map((r) => [r.varde.personnummer, r.varde]));
    expect(rader.get('198808089885')).toMatchObject({ sekretessmarkering: true, skyddad_folkbokforing: false });
    expect(rader.get('197909099926')).toMatchObject({ sekretessmarkering: false, skyddad_folkbokforing: true });
    expect(rader.get('194004049872')).toMatchObject({ avregistreringsorsak: 'AV', avregistreringsdatum: '2025-06-12' });
    expect(rader.get('197505059910')).toMatchObject({ avregistreringsorsak: 'UV', adressnyckel: undefined });
    expect(rader.get('199501159934')).toMatchObject({ co_adress: 'c/o Holm', lagenhetsnummer: '1004', adressnyckel: 'ÅNÄSVÄGEN 20|41658' });
  });

  it('reports each bad line by number and column, without the values', () => {
    // when
    const { rader, fel } = lasUttag(FOLKBOKFORING_IMPORT, medFel());

    // then: the good lines are read (the duplicate of line 2 is caught when writing)
    expect(rader.map((r) => r.rad)).toEqual([2, 9]);
    expect(fel.map((f) => f.rad)).toEqual([3, 4, 5, 6, 7, 8]);
    const per = new Map(fel.map((f) => [f.rad, f.fel.join('; ')]));
    expect(per.get(3)).toMatch(/^personnummer: Personnumret har fel kontrollsiffra$/);
    expect(per.get(4)).toMatch(/^postnummer: ska ha fem siffror$/);
    expect(per.get(5)).toMatch(/^sekretessmarkering: ska vara J eller N$/);
    expect(per.get(6)).toMatch(/efternamn: saknas/);
    expect(per.get(6)).toMatch(/folkbokforingsdatum: ska vara ett datum/);
    expect(per.get(7)).toMatch(/^\(rad\): 6 fält, rubrikraden har 11$/);
    expect(per.get(8)).toMatch(/^utdelningsadress2: saknas, resten av adressen finns$/);

    // and no personal data in the report
    const rapport = JSON.stringify(fel);
    for (const varde of ['198503149829', '4130', 'Fel', 'Kontrollsiffra', 'Alva', 'Karl', 'LINNÉGATAN', '20180231']) {
      expect(rapport).not.toContain(varde);
    }
  });

  it('refuses a file whose header lacks a required column', () => {
    const utanPostort = 'personnummer;fornamn;efternamn;utdelningsadress2;postnummer\n198503149828;Anna;Testsson;X 1;41304\n';
    expect(() => lasUttag(FOLKBOKFORING_IMPORT, utanPostort)).toThrow(new CsvFilError('Rubrikraden saknar kolumnerna postort'));
  });

  it('refuses a file with broken quoting, naming the line only', () => {
    const trasig = 'personnummer;fornamn;efternamn;utdelningsadress2;postnummer;postort\n198503149828;"Anna;Testsson;X 1;41304;G\n';
    expect(() => lasUttag(FOLKBOKFORING_IMPORT, trasig)).toThrow(CsvFilError);
    expect(() => lasUttag(FOLKBOKFORING_IMPORT, trasig)).toThrow(/^Filen kan inte läsas som CSV \(rad \d\)/);
  });

  it('takes comma-separated files with a byte order mark and headers in any case, and ignores unknown columns', () => {
    const text =
      '\uFEFFPersonnummer,Fornamn,Efternamn,Utdelningsadress2,Postnummer,Postort,Kon\n198503149828,Anna,Testsson,Linnégatan 12 B,413 04,Göteborg,K\n';
    const { rader, fel } = lasUttag(FOLKBOKFORING_IMPORT, text);
    expect(fel).toEqual([]);
    expect(rader[0]?.varde).toMatchObject({ personnummer: '198503149828', postnummer: '41304', sekretessmarkering: false });
    expect(rader[0]?.varde).not.toHaveProperty('kon');
  });

  it('reads back what the synthetic generator writes', () => {
    const population = genereraPopulation({ antal: 500, seed: 7 });
    const { rader, fel } = lasUttag(FOLKBOKFORING_IMPORT, skrivFolkbokforingCsv(population.personer));
    expect(fel).toEqual([]);
    expect(rader).toHaveLength(population.personer.length);
  });
});
