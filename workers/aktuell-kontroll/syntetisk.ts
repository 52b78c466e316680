import { alder, type Personnummer } from '../../domain/personnummer.ts';
import type { SyntetiskPopulation } from '../folkbokforing/syntetisk.ts';
import type { AktuellCsvRad } from './import.ts';
import { ENHETER, type Enhet } from './register.ts';

/**
 * Who of a synthetic population is known where, as a case system's extract
 * would say it. Deterministic for a given population. Per tenant, about: 8 %
 * ekonomiskt bistånd, 5 % vuxen, 6 % of parents barn och unga, 3 % funktionsstöd,
 * 15 % of those over 65 äldre, 1 % etableringsenheten; a fifth of the matters
 * are closed (aktuell_till in the past), which no longer counts.
 */
const OMRADEN = ['Centrum', 'Hisingen', 'Nordost', 'Sydväst'] as const;
const ENHETSNAMN: Record<Enhet, string> = {
  vuxen: 'Vuxen',
  'barn-och-unga': 'Barn och unga',
  'ekonomiskt-bistand': 'Ekonomiskt bistånd',
  funktionsstod: 'Funktionsstöd',
  aldre: 'Äldre samt vård och omsorg',
  etableringsenheten: 'Etableringsenheten SF Centrum',
};

export function genereraAktuella(population: SyntetiskPopulation): AktuellCsvRad[] {
  const rader: AktuellCsvRad[] = [];
  for (const hushall of population.hushall) {
    const pnr = hushall.hyresgast;
    const tal = fordelning(pnr);
    const alderNu = alder(pnr, population.referensdatum);
    const enheter: Enhet[] = [];
    if (tal(1) < 0.08) enheter.push('ekonomiskt-bistand');
    if (tal(2) < 0.05) enheter.push('vuxen');
    if (hushall.antalBarn > 0 && tal(3) < 0.06) enheter.push('barn-och-unga');
    if (tal(4) < 0.03) enheter.push('funktionsstod');
    if (alderNu >= 65 && tal(5) < 0.15) enheter.push('aldre');
    if (tal(6) < 0.01) enheter.push('etableringsenheten');
    enheter.forEach((enhet, i) => {
      const borjan = 30 + Math.floor(tal(10 + i) * 2000);
      const avslutad = tal(20 + i) < 0.2;
      rader.push({
        personnummer: pnr,
        forvaltning: ENHETER[enhet],
        enhet,
        enhetsnamn: enhet === 'etableringsenheten' ? ENHETSNAMN[enhet] : `${ENHETSNAMN[enhet]} ${OMRADEN[Math.floor(tal(30 + i) * 4)]}`,
        aktuell_sedan: dagarFore(population.referensdatum, borjan),
        ...(avslutad ? { aktuell_till: dagarFore(population.referensdatum, 1 + Math.floor((borjan - 1) * tal(40 + i))) } : {}),
      });
    });
  }
  return rader;
}

/** Numbers in [0, 1) that depend only on the personnummer and a salt: the same person gets the same matters. */
function fordelning(pnr: Personnummer): (salt: number) => number {
  return (salt) => {
    let h = 2166136261 ^ salt;
    for (let i = 0; i < pnr.length; i++) h = Math.imul(h ^ pnr.charCodeAt(i), 16777619);
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
  };
}

function dagarFore(iso: string, dagar: number): string {
  const [ar, manad, dag] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(ar, manad - 1, dag - dagar)).toISOString().slice(0, 10);
}
