import { describe, expect, it } from 'vitest';
import { genereraAktuella } from '../../../workers/aktuell-kontroll/syntetisk.ts';
import { AKTUELLA_IMPORT, skrivAktuellaCsv } from '../../../workers/aktuell-kontroll/import.ts';
import { ENHETER } from '../../../workers/aktuell-kontroll/register.ts';
import { genereraPopulation } from '../../../workers/folkbokforing/syntetisk.ts';
import { lasUttag } from '../../../workers/registerimport.ts';

describe('who of the synthetic population is aktuell where', () => {
  const population = genereraPopulation({ antal: 5000, seed: 42 });
  const aktuella = genereraAktuella(population);

  it("is deterministic, and passes the import's checks", () => {
    expect(genereraAktuella(genereraPopulation({ antal: 5000, seed: 42 }))).toEqual(aktuella);
    const { rader, fel } = lasUttag(AKTUELLA_IMPORT, skrivAktuellaCsv(aktuella));
    expect(fel).toEqual([]);
    expect(rader).toHaveLength(aktuella.length);
  });

  it('has tenants known in the own administration, in others, in both, and most known nowhere', () => {
    const per = new Map<string, Set<string>>();
    for (const a of aktuella) per.set(a.personnummer, (per.get(a.personnummer) ?? new Set()).add(ENHETER[a.enhet]));
    const egen = [...per.values()].filter((f) => f.has('socialtjanst'));
    const annan = [...per.values()].filter((f) => [...f].some((x) => x !== 'socialtjanst'));
    expect(egen.length).toBeGreaterThan(50);
    expect(annan.length).toBeGreaterThan(20);
    expect(egen.filter((f) => f.size > 1).length).toBeGreaterThan(0);
    expect(per.size).toBeLessThan(population.hushall.length / 2);
    for (const enhet of Object.keys(ENHETER))
      expect(
        aktuella.some((a) => a.enhet === enhet),
        enhet,
      ).toBe(true);
    expect(aktuella.some((a) => a.aktuell_till)).toBe(true);
  });
});
