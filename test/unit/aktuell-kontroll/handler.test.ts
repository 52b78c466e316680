import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hyresgastSchema } from '../../../domain/arendevariabler.ts';
import type { Personnummer } from '../../../domain/personnummer.ts';
import { kontrolleraAktualitet } from '../../../workers/aktuell-kontroll/handler.ts';
import { AKTUELLA_IMPORT } from '../../../workers/aktuell-kontroll/import.ts';
import { lasUttag } from '../../../workers/registerimport.ts';
import type { Aktualitet, Aktualitetsregister } from '../../../workers/aktuell-kontroll/register.ts';

/** The register in memory, with the same rule as the SQL: started on or before the day, not ended before it. */
const rader = lasUttag(AKTUELLA_IMPORT, fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'aktuella.csv'), 'utf8')).rader.map(
  (r) => r.varde,
);
const register: Aktualitetsregister = {
  async aktuellaEnheter(pnr: Personnummer, pa: string): Promise<Aktualitet[]> {
    return rader
      .filter((r) => r.personnummer === pnr && r.aktuell_sedan <= pa && (!r.aktuell_till || r.aktuell_till >= pa))
      .map((r) => ({
        enhet: r.enhet,
        forvaltning: r.forvaltning,
        ...(r.enhetsnamn ? { enhetsnamn: r.enhetsnamn } : {}),
        sedan: r.aktuell_sedan,
      }));
  },
};

const kontrollera = (personnummer: string, referensdatum = '2026-11-25') =>
  kontrolleraAktualitet(register, { hyresgast: hyresgastSchema.parse({ personnummer, namn: 'N N' }), referensdatum });

describe('aktuell-kontroll: where the tenant is already known', () => {
  it('known in two units of the own administration (a closed matter does not count)', async () => {
    expect(await kontrollera('198503149828')).toEqual({
      kind: 'complete',
      variables: {
        aktuellISocialtjansten: true,
        aktuellaEnheter: [
          { enhet: 'ekonomiskt-bistand', enhetsnamn: 'Ekonomiskt bistånd Centrum', sedan: '2025-01-15' },
          { enhet: 'vuxen', enhetsnamn: 'Vuxen Centrum', sedan: '2026-03-01' },
        ],
        aktuellIAnnanForvaltning: false,
        andraForvaltningar: [],
        andraForvaltningarIdn: [],
      },
    });
  });

  it('known only in another administration: consent is needed before contacting it', async () => {
    expect(await variablerFor('199010109891')).toEqual({
      aktuellISocialtjansten: false,
      aktuellaEnheter: [],
      aktuellIAnnanForvaltning: true,
      andraForvaltningar: [
        { forvaltning: 'funktionsstod', enhet: 'funktionsstod', enhetsnamn: 'Funktionsstöd Nordost', sedan: '2022-05-01' },
      ],
      andraForvaltningarIdn: ['funktionsstod'],
    });
  });

  it('known in both', async () => {
    expect(await variablerFor('198512249965')).toMatchObject({ aktuellISocialtjansten: true, aktuellIAnnanForvaltning: true });
  });

  it('known nowhere is an ordinary outcome', async () => {
    expect(await variablerFor('199202029865')).toEqual({
      aktuellISocialtjansten: false,
      aktuellaEnheter: [],
      aktuellIAnnanForvaltning: false,
      andraForvaltningar: [],
      andraForvaltningarIdn: [],
    });
  });

  it('counts on the reference day: a matter not yet begun, or ended the day before, does not count', async () => {
    expect(await variablerFor('195803109940', '2026-11-30')).toMatchObject({ aktuellIAnnanForvaltning: false });
    expect(await variablerFor('195803109940', '2026-12-01')).toMatchObject({ aktuellIAnnanForvaltning: true });
    expect(await variablerFor('198503149828', '2024-06-30')).toMatchObject({ aktuellaEnheter: [{ enhet: 'barn-och-unga' }] });
    expect(await variablerFor('198503149828', '2024-07-01')).toMatchObject({ aktuellISocialtjansten: false });
  });
});

async function variablerFor(personnummer: string, referensdatum?: string) {
  const outcome = await kontrollera(personnummer, referensdatum);
  if (outcome.kind !== 'complete') throw new Error('expected completion');
  return outcome.variables;
}
