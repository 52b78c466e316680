/** Åtagandet: beslutet före återvinningsfristens slut, och utskicket dagen efter. */
import { FristError, felText } from '../fel.ts';
import { vardagarFran } from '../helgdagar.ts';
import { type Installningar, beskrivTid, hamtaInstallningar } from '../installningar.ts';
import { type DagEllerTidpunkt, slutAvDagen, startAvDagenEfter, svensktDatum } from '../tid.ts';
import type { Frist } from '../typer.ts';
import { dagMedVeckodag, dagfrist, grund, kallaFran } from './gemensamt.ts';

/**
 * Beslut om åtagande (12 kap. 44 § fjärde stycket 1 jordabalken): åtagandet ska skriftligen ha
 * nått hyresvärden inom återvinningsfristen, och ett rekommenderat brev behöver några dagar.
 * Beslutet förfaller därför den inställda marginalen i vardagar (standard 2) före fristens sista
 * dag (0 = sista dagen). Vardag som i 2 § lag (1930:173): lördagar, söndagar, helgdagar och
 * midsommar-, jul- och nyårsafton räknas inte. Räknas om med fristen (samma grupp i berakna-frister).
 */
export function atagandeBeslut(atervinning: Frist, inst: Installningar = hamtaInstallningar()): Frist {
  if (atervinning.typ !== 'atervinningsfrist' || atervinning.sistaDag === undefined) {
    throw new FristError('OGILTIGT_DATUM', felText.ogiltigtDatum('återvinningsfrist', atervinning.typ));
  }
  const t = inst.atagande.beslutFore;
  const fristSlut = atervinning.sistaDag;
  const dag = t.varde === 0 ? fristSlut : vardagarFran(fristSlut, -t.varde);
  const text = beskrivTid(t);
  return {
    typ: 'atagandeBeslut',
    art: 'vagledning',
    benamning: 'Beslut om åtagande',
    ...dagfrist(dag),
    grund: [
      {
        handelse: 'atervinningsfristSistaDag',
        beskrivning: 'Återvinningsfristens sista dag',
        datum: fristSlut,
        styrande: true,
      },
    ],
    lagrum: ['jb-12-44-4-1', 'jb-12-44-1'],
    kalla: kallaFran(inst, 'atagande.beslutFore', text, t.kalla),
    forklaring: [
      `Återvinningsfristens sista dag är ${dagMedVeckodag(fristSlut)}; åtagandet ska ha nått hyresvärden skriftligen senast då.`,
      t.varde === 0
        ? 'Ingen marginal är inställd: beslutet förfaller fristens sista dag.'
        : `${text} före den är ${dagMedVeckodag(dag)} (lördagar, söndagar, helgdagar och midsommar-, jul- och nyårsafton räknas inte), så att det rekommenderade brevet hinner fram.`,
      `Beslutet om åtagande förfaller ${slutAvDagen(dag)}.`,
    ],
  };
}

export type AtagandeSkickatIndata = {
  /** När åtagandet skrevs (arkiverades) i Bokvar. */
  skrivet: DagEllerTidpunkt;
};

/**
 * Åtagandet ska vara skickat – markerat som skickat av registraturen eller en handläggare –
 * vid slutet av nästa vardag efter den dag det skrevs (lokal rutin, så att det rekommenderade
 * brevet hinner nå hyresvärden inom återvinningsfristen). Timern går då (senast: 00:00 dagen
 * efter den vardagen); samordnarens uppgift som skapas då förfaller vid slutet av vardagen därpå.
 */
export function atagandeSkickat(indata: AtagandeSkickatIndata): Frist {
  const skrivetDag = svensktDatum(indata.skrivet, 'skrivet');
  const nasta = vardagarFran(skrivetDag, 1);
  const uppgiftDag = vardagarFran(nasta, 1);
  return {
    typ: 'atagandeSkickat',
    slag: 'tidpunkt',
    art: 'vagledning',
    benamning: 'Åtagandet markerat som skickat',
    senast: startAvDagenEfter(nasta),
    forfaller: slutAvDagen(uppgiftDag),
    grund: [grund('brevSkrivet', 'Åtagandet skrevs och arkiverades i Bokvar', indata.skrivet, 'skrivet', undefined, true)],
    lagrum: ['jb-12-44-4-1'],
    forklaring: [
      `Åtagandet skrevs ${dagMedVeckodag(skrivetDag)}; nästa vardag är ${dagMedVeckodag(nasta)} (lördagar, söndagar, helgdagar och midsommar-, jul- och nyårsafton räknas inte).`,
      `Är det inte markerat som skickat när den dagen slutat (${startAvDagenEfter(nasta)}) får samordnarna en uppgift, som förfaller ${slutAvDagen(uppgiftDag)}.`,
    ],
  };
}
