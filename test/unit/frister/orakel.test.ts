/**
 * Uttömmande jämförelse mot ett oberoende orakel.
 *
 * Oraklet bygger på biblioteket date-holidays (land SE) och vanlig UTC-dagräkning med Date –
 * ingen luxon, ingen kod från frister/. Det räknar återvinningsfristen så enkelt som möjligt:
 * den senare av delgivning och mottagande, plus 21 dagar, sedan framåt så länge dagen är lördag,
 * söndag, allmän helgdag, midsommarafton, julafton eller nyårsafton. Timerns offset tas från
 * Intl (webbläsarnas/Nodes egen tidszonsdatabas), också oberoende av luxon.
 */
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { arHelgfri, atervinningsfrist, helgdagar, tidigastAvhysningsbeslut } from '../../../frister/index.ts';

// ------------------------------------------------------------------ oraklet

const DAG_MS = 86_400_000;
const dagnr = (datum: string): number => Date.UTC(+datum.slice(0, 4), +datum.slice(5, 7) - 1, +datum.slice(8, 10)) / DAG_MS;
const datum = (nr: number): string => new Date(nr * DAG_MS).toISOString().slice(0, 10);
const veckodagUtc = (nr: number): number => new Date(nr * DAG_MS).getUTCDay(); // 0 = söndag, 6 = lördag

const AFTNAR = new Set(['midsommarafton', 'julafton', 'nyårsafton']);
const hd = new Holidays('SE');
/** datum → dagens helgdagar som 'slag:namn' (två kan sammanfalla, t.ex. 1 maj och Kristi himmelsfärd 2008). */
const orakelAr = new Map<number, Map<string, string[]>>();

/**
 * Årets dagar enligt date-holidays. Bara typen 'public' (lag 1989:253) och de tre aftnarna i
 * 2 § lag 1930:173 (typ 'bank' i biblioteket). Biblioteket har också 'observance' (påskafton,
 * pingstafton, annandag pingst, …) och 'optional' (trettondagsafton, valborg, …) – de räknas inte.
 */
function orakel(ar: number): Map<string, string[]> {
  let m = orakelAr.get(ar);
  if (!m) {
    const karta = new Map<string, string[]>();
    const lagg = (d: string, v: string) => karta.set(d, [...(karta.get(d) ?? []), v].sort());
    for (const h of hd.getHolidays(ar)) {
      if (h.type === 'public') lagg(h.date.slice(0, 10), `allmanHelgdag:${h.name}`);
      else if (h.type === 'bank') {
        // Skydd mot att biblioteket ändras: 'bank' ska vara precis de tre aftnarna.
        if (!AFTNAR.has(h.name)) throw new Error(`Oväntad 'bank'-dag i date-holidays: ${h.name} ${h.date}`);
        lagg(h.date.slice(0, 10), `afton:${h.name}`);
      }
    }
    orakelAr.set(ar, karta);
    m = karta;
  }
  return m;
}

function orakelHelgfri(nr: number): boolean {
  const wd = veckodagUtc(nr);
  if (wd === 0 || wd === 6) return false;
  const d = datum(nr);
  return !orakel(+d.slice(0, 4)).has(d);
}

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Stockholm', timeZoneName: 'longOffset' });
/** Offset för 00:00 svensk tid en viss dag ('+01:00' / '+02:00'), via Intl. Kl. 00:00 och 12:00 UTC har samma offset i Stockholm (bytet sker 01:00 UTC). */
function orakelOffset(nr: number): string {
  const del = offsetFormat.formatToParts(new Date(nr * DAG_MS)).find((p) => p.type === 'timeZoneName');
  return (del?.value ?? '').replace('GMT', '');
}

function orakelAtervinning(delgiven: string, mottagen: string): { sistaDag: string; senast: string; beslut: string } {
  let slut = Math.max(dagnr(delgiven), dagnr(mottagen)) + 21;
  while (!orakelHelgfri(slut)) slut += 1;
  let beslut = slut;
  for (let kvar = 2; kvar > 0;) {
    beslut += 1;
    if (orakelHelgfri(beslut)) kvar -= 1;
  }
  return { sistaDag: datum(slut), senast: `${datum(slut + 1)}T00:00:00${orakelOffset(slut + 1)}`, beslut: datum(beslut) };
}

// ------------------------------------------------------------------ testerna

const FORSTA = dagnr('2025-01-01');
const SISTA = dagnr('2035-12-31');

describe('helgdagar jämförda med date-holidays', () => {
  it('samma allmänna helgdagar och aftnar, med samma namn, varje år 2005–2100', () => {
    // Given: min implementation och date-holidays, år för år
    for (let ar = 2005; ar <= 2100; ar++) {
      // When: båda listar årets dagar
      const egna: Record<string, string[]> = {};
      for (const h of helgdagar(ar)) egna[h.datum] = [...(egna[h.datum] ?? []), `${h.slag}:${h.namn}`].sort();
      const orakelns = Object.fromEntries(orakel(ar));
      // Then: samma datum, samma namn, samma slag
      expect(egna, `år ${ar}`).toEqual(orakelns);
    }
  });

  it('arHelgfri stämmer med oraklet för varje dag 2025-01-01–2036-12-31', () => {
    const avvikelser: string[] = [];
    for (let nr = FORSTA; nr <= dagnr('2036-12-31'); nr++) {
      if (arHelgfri(datum(nr)) !== orakelHelgfri(nr)) avvikelser.push(datum(nr));
    }
    expect(avvikelser).toEqual([]);
  });
});

describe('återvinningsfristen jämförd med oraklet, varje startdag 2025-01-01–2035-12-31', () => {
  it('alla tre ordningarna: samma dag, delgiven efter mottagandet, mottagen efter delgivningen', { timeout: 60_000 }, () => {
    const avvikelser: string[] = [];
    let antal = 0;
    for (let nr = FORSTA; nr <= SISTA; nr++) {
      const i = nr - FORSTA;
      const s = datum(nr);
      // Given: tre sätt att hamna på startdagen s, med växlande avstånd (1–7 och 1–13 dagar)
      // så att varje veckodag kombineras med varje avstånd under perioden.
      const fall: [string, string, string][] = [
        ['samma dag', s, s],
        ['delgiven senare', s, datum(nr - 1 - (i % 7))],
        ['mottagen senare', datum(nr - 1 - (i % 13)), s],
        // mottagandet som tidpunkt mitt på dagen (UTC) – samma svenska datum
        ['mottagen senare, tidpunkt', datum(nr - 2), `${s}T11:00:00Z`],
      ];
      for (const [namn, delgivningsdatum, mottagenSocialnamnden] of fall) {
        antal += 1;
        // When: modulen och oraklet räknar
        const frist = atervinningsfrist({ delgivningsdatum, mottagenSocialnamnden });
        const beslut = tidigastAvhysningsbeslut(frist);
        const o = orakelAtervinning(delgivningsdatum, mottagenSocialnamnden.slice(0, 10));
        // Then: samma sista dag, samma timerögonblick (med offset), samma tidigaste beslutsdag
        if (frist.sistaDag !== o.sistaDag || frist.senast !== o.senast || beslut.sistaDag !== o.beslut) {
          avvikelser.push(
            `${namn} ${delgivningsdatum}/${mottagenSocialnamnden}: ${frist.sistaDag} ${frist.senast} ${beslut.sistaDag} ≠ ${o.sistaDag} ${o.senast} ${o.beslut}`,
          );
        }
      }
    }
    expect(antal).toBe(4 * 4017);
    expect(avvikelser.slice(0, 20)).toEqual([]);
  });
});
