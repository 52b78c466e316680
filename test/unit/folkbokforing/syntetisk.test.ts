import { describe, expect, it } from 'vitest';
import { adressSchema } from '../../../domain/arendevariabler.ts';
import { alder, tolkaPersonnummer, type Personnummer } from '../../../domain/personnummer.ts';
import { adressnyckel } from '../../../workers/folkbokforing/adress.ts';
import { genereraPopulation } from '../../../workers/folkbokforing/syntetisk.ts';

describe('the synthetic population', () => {
  const population = genereraPopulation({ antal: 5000, seed: 42 });
  const register = new Map(population.personer.map((p) => [p.personnummer, p]));

  it('is about as large as asked, never splitting a household', () => {
    expect(population.personer.length).toBeGreaterThanOrEqual(5000);
    expect(population.personer.length).toBeLessThan(5010);
    expect(population.hushall.flatMap((h) => h.medlemmar).every((pnr) => register.has(pnr))).toBe(true);
  });

  it('has only valid, unique personnummer, in the test series (födelsenummer 980–999)', () => {
    for (const { personnummer } of population.personer) {
      expect(tolkaPersonnummer(personnummer)).toEqual({ ok: true, varde: personnummer });
      expect(Number(personnummer.slice(8, 11))).toBeGreaterThanOrEqual(980);
    }
    expect(register.size).toBe(population.personer.length);
  });

  it('is the same for the same seed, and another for another seed', () => {
    expect(genereraPopulation({ antal: 5000, seed: 42 })).toEqual(population);
    expect(genereraPopulation({ antal: 5000, seed: 43 }).personer).not.toEqual(population.personer);
  });

  it('has households with and without children, children under 18 and adults 18 or over', () => {
    const med = population.hushall.filter((h) => h.antalBarn > 0);
    const utan = population.hushall.filter((h) => h.antalBarn === 0);
    expect(med.length).toBeGreaterThan(population.hushall.length * 0.2);
    expect(utan.length).toBeGreaterThan(population.hushall.length * 0.4);
    for (const h of population.hushall) {
      const aldrar = h.medlemmar.map((pnr) => alder(pnr, population.referensdatum));
      expect(aldrar.filter((a) => a < 18)).toHaveLength(h.antalBarn);
      expect(alder(h.hyresgast, population.referensdatum)).toBeGreaterThanOrEqual(18);
      expect(aldrar.every((a) => a >= 0)).toBe(true);
    }
  });

  it('has tenants not registered where they live, and the register says so', () => {
    const annanstans = population.hushall.filter((h) => !h.hyresgastFolkbokfordHar);
    expect(annanstans.length).toBeGreaterThan(population.hushall.length * 0.03);
    for (const h of population.hushall) {
      const rad = register.get(h.hyresgast)!;
      const har =
        adressnyckel(rad.utdelningsadress2!, rad.postnummer!) === adressnyckel(h.boendeadress.gatuadress, h.boendeadress.postnummer) &&
        rad.lagenhetsnummer === h.boendeadress.lagenhetsnummer;
      expect(har, h.hyresgast).toBe(h.hyresgastFolkbokfordHar);
    }
  });

  it('has a few households with protected identity, of both kinds', () => {
    const sekretess = population.hushall.filter((h) => h.skydd === 'sekretessmarkering');
    const skyddad = population.hushall.filter((h) => h.skydd === 'skyddad-folkbokforing');
    expect(sekretess.length).toBeGreaterThan(0);
    expect(skyddad.length).toBeGreaterThan(0);
    expect(sekretess.length + skyddad.length).toBeLessThan(population.hushall.length * 0.05);
    for (const h of sekretess) for (const pnr of h.medlemmar) expect(register.get(pnr)?.sekretessmarkering).toBe('J');
    for (const h of skyddad) for (const pnr of h.medlemmar) expect(register.get(pnr)?.skyddad_folkbokforing).toBe('J');
  });

  it('has many blocks of flats with several households, some houses, and deregistered persons', () => {
    const adresser = population.hushall.map((h) => adressnyckel(h.boendeadress.gatuadress, h.boendeadress.postnummer));
    expect(new Set(adresser).size).toBeLessThan(adresser.length / 2);
    expect(population.hushall.some((h) => !h.boendeadress.lagenhetsnummer)).toBe(true);
    expect(population.personer.some((p) => p.avregistreringsorsak === 'AV')).toBe(true);
    for (const h of population.hushall) expect(adressSchema.safeParse(h.boendeadress).success).toBe(true);
  });

  it('gives valid personnummer that the register does not have', () => {
    expect(population.okandaPersonnummer).toHaveLength(20);
    for (const pnr of population.okandaPersonnummer) {
      expect(tolkaPersonnummer(pnr).ok).toBe(true);
      expect(register.has(pnr as Personnummer)).toBe(false);
    }
  });
});
