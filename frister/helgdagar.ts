/**
 * Svenska helgdagar och de särskilda dagarna i lag (1930:173) om beräkning av lagstadgad tid.
 *
 * Allmänna helgdagar enligt lag (1989:253) om allmänna helgdagar: söndagar, nyårsdagen,
 * trettondedag jul, långfredagen, påskdagen, annandag påsk, Kristi himmelsfärdsdag, första maj,
 * pingstdagen, nationaldagen, midsommardagen (lördagen 20–26 juni), alla helgons dag
 * (lördagen 31 oktober–6 november), juldagen och annandag jul.
 *
 * 2 § lag (1930:173) likställer dessutom lördag, midsommarafton, julafton och nyårsafton:
 * en frist vars sista dag infaller på en sådan dag eller en helgdag får utnyttjas nästa vardag.
 *
 * Egen implementation (påskberäkning enligt den gregorianska algoritmen, "Anonymous
 * Gregorian"/Meeus). Biblioteket date-holidays används bara i testerna, som oberoende orakel.
 * Reglerna gäller från 2005, då nationaldagen ersatte annandag pingst.
 */
import { DateTime } from 'luxon';
import { FristFel, felText } from './fel.ts';
import { type Datum, ZON, dagstart, datumAv, veckodag } from './tid.ts';

export const FORSTA_AR = 2005;

export type HelgdagSlag =
  /** Allmän helgdag enligt lag (1989:253) (söndagar listas inte här). */
  | 'allmanHelgdag'
  /** Midsommarafton, julafton, nyårsafton – likställda med helgdag i 2 § lag (1930:173). */
  | 'afton';

export type Helgdag = { datum: Datum; namn: string; slag: HelgdagSlag };

/** Påskdagen (gregoriansk kalender). */
export function paskdagen(ar: number): Datum {
  kontrolleraAr(ar);
  const a = ar % 19;
  const b = Math.floor(ar / 100);
  const c = ar % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const manad = Math.floor((h + l - 7 * m + 114) / 31);
  const dag = ((h + l - 7 * m + 114) % 31) + 1;
  return datumAv(DateTime.fromObject({ year: ar, month: manad, day: dag }, { zone: ZON }));
}

function kontrolleraAr(ar: number): void {
  if (!Number.isInteger(ar) || ar < FORSTA_AR || ar > 9999) {
    throw new FristFel('AR_UTANFOR_INTERVALL', felText.arUtanforIntervall(ar));
  }
}

function dag(ar: number, manad: number, d: number): DateTime {
  return DateTime.fromObject({ year: ar, month: manad, day: d }, { zone: ZON });
}

/** Första dagen med given veckodag (1 = måndag … 7 = söndag) från och med ett datum. */
function forstaVeckodagFrom(start: DateTime, veckodagNr: number): DateTime {
  return start.plus({ days: (veckodagNr - start.weekday + 7) % 7 });
}

const cache = new Map<number, readonly Helgdag[]>();
const uppslag = new Map<number, ReadonlyMap<Datum, Helgdag>>();

/** Årets allmänna helgdagar (utom vanliga söndagar) och de tre aftnarna, i datumordning. */
export function helgdagar(ar: number): readonly Helgdag[] {
  const sparad = cache.get(ar);
  if (sparad) return sparad;
  kontrolleraAr(ar);
  const pask = dagstart(paskdagen(ar));
  const midsommardagen = forstaVeckodagFrom(dag(ar, 6, 20), 6);
  const allaHelgonsDag = forstaVeckodagFrom(dag(ar, 10, 31), 6);
  const lista: Helgdag[] = [
    { datum: datumAv(dag(ar, 1, 1)), namn: 'nyårsdagen', slag: 'allmanHelgdag' },
    { datum: datumAv(dag(ar, 1, 6)), namn: 'trettondedag jul', slag: 'allmanHelgdag' },
    { datum: datumAv(pask.minus({ days: 2 })), namn: 'långfredagen', slag: 'allmanHelgdag' },
    { datum: datumAv(pask), namn: 'påskdagen', slag: 'allmanHelgdag' },
    { datum: datumAv(pask.plus({ days: 1 })), namn: 'annandag påsk', slag: 'allmanHelgdag' },
    { datum: datumAv(pask.plus({ days: 39 })), namn: 'Kristi himmelsfärdsdag', slag: 'allmanHelgdag' },
    { datum: datumAv(dag(ar, 5, 1)), namn: 'första maj', slag: 'allmanHelgdag' },
    { datum: datumAv(pask.plus({ days: 49 })), namn: 'pingstdagen', slag: 'allmanHelgdag' },
    { datum: datumAv(dag(ar, 6, 6)), namn: 'nationaldagen', slag: 'allmanHelgdag' },
    { datum: datumAv(midsommardagen.minus({ days: 1 })), namn: 'midsommarafton', slag: 'afton' },
    { datum: datumAv(midsommardagen), namn: 'midsommardagen', slag: 'allmanHelgdag' },
    { datum: datumAv(allaHelgonsDag), namn: 'alla helgons dag', slag: 'allmanHelgdag' },
    { datum: datumAv(dag(ar, 12, 24)), namn: 'julafton', slag: 'afton' },
    { datum: datumAv(dag(ar, 12, 25)), namn: 'juldagen', slag: 'allmanHelgdag' },
    { datum: datumAv(dag(ar, 12, 26)), namn: 'annandag jul', slag: 'allmanHelgdag' },
    { datum: datumAv(dag(ar, 12, 31)), namn: 'nyårsafton', slag: 'afton' },
  ];
  lista.sort((x, y) => (x.datum < y.datum ? -1 : x.datum > y.datum ? 1 : 0));
  const fryst = Object.freeze(lista.map((h) => Object.freeze(h)));
  cache.set(ar, fryst);
  uppslag.set(ar, new Map(fryst.map((h) => [h.datum, h])));
  return fryst;
}

/** Helgdagen eller aftonen ett datum, om någon (vanliga söndagar räknas inte upp här). */
export function helgdag(datum: Datum): Helgdag | undefined {
  const ar = dagstart(datum, 'datum').year;
  if (!uppslag.has(ar)) helgdagar(ar);
  return uppslag.get(ar)?.get(datum);
}

/**
 * Varför en dag inte är en helgfri vardag, i klartext ('lördag', 'söndag', 'juldagen', …),
 * eller undefined om den är det. Helgdagens namn går före veckodagen ('påskdagen', inte 'söndag').
 */
export function ejVardagSkal(datum: Datum): string | undefined {
  const h = helgdag(datum);
  if (h) return h.namn;
  const wd = dagstart(datum).weekday;
  if (wd === 6 || wd === 7) return veckodag(datum);
  return undefined;
}

/**
 * Är dagen en helgfri vardag: måndag–fredag som varken är allmän helgdag eller
 * midsommarafton, julafton eller nyårsafton? Det är "vardag" i 2 § lag (1930:173),
 * och Bokvar använder samma betydelse för "vardagar" i 12 kap. 44 § andra stycket jordabalken
 * och för påminnelser (se docs/frister.md).
 */
export function arHelgfri(datum: Datum): boolean {
  return ejVardagSkal(datum) === undefined;
}

/** Datumet självt om det är en helgfri vardag, annars nästa helgfria vardag (2 § lag 1930:173). */
export function nastaHelgfriaDag(datum: Datum): Datum {
  let dt = dagstart(datum);
  while (!arHelgfri(datumAv(dt))) dt = dt.plus({ days: 1 });
  return datumAv(dt);
}

/**
 * Räknar helgfria vardagar: antal > 0 ger den n:te vardagen efter datumet,
 * antal < 0 den n:te vardagen före. Datumet självt räknas aldrig.
 */
export function vardagarFran(datum: Datum, antal: number): Datum {
  if (!Number.isInteger(antal) || antal === 0) {
    throw new FristFel('OGILTIGT_ANTAL', felText.ogiltigtAntal('antal vardagar', antal));
  }
  const steg = antal > 0 ? 1 : -1;
  let kvar = Math.abs(antal);
  let dt = dagstart(datum);
  while (kvar > 0) {
    dt = dt.plus({ days: steg });
    if (arHelgfri(datumAv(dt))) kvar -= 1;
  }
  return datumAv(dt);
}
