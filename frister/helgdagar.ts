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
 * Gregorian"/Meeus–Jones–Butcher). Biblioteket date-holidays används bara i testerna, som
 * oberoende orakel. Reglerna gäller från 2005, då nationaldagen ersatte annandag pingst.
 */
import { FristError, felText } from './fel.ts';
import { type Datum, dagnummer, plusDagar, veckodag, veckodagNr } from './tid.ts';

export const FORSTA_AR = 2005;
export const SISTA_AR = 9999;

export type HelgdagSlag =
  /** Allmän helgdag enligt lag (1989:253) (vanliga söndagar listas inte). */
  | 'allmanHelgdag'
  /** Midsommarafton, julafton, nyårsafton – likställda med helgdag i 2 § lag (1930:173). */
  | 'afton';

export type Helgdag = { readonly datum: Datum; readonly namn: string; readonly slag: HelgdagSlag };

function kontrolleraAr(ar: number): void {
  if (!Number.isInteger(ar) || ar < FORSTA_AR || ar > SISTA_AR) {
    throw new FristError('AR_UTANFOR_INTERVALL', felText.arUtanforIntervall(ar));
  }
}

const tva = (n: number): string => String(n).padStart(2, '0');
const datum = (ar: number, manad: number, dag: number): Datum => `${ar}-${tva(manad)}-${tva(dag)}`;

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
  return datum(ar, manad, dag);
}

/** Första dagen med given veckodag (1 = måndag … 7 = söndag) från och med ett datum. */
function forstaVeckodagFrom(start: Datum, nr: number): Datum {
  return plusDagar(start, (nr - veckodagNr(start) + 7) % 7);
}

const LORDAG = 6;
const lista = new Map<number, readonly Helgdag[]>();
const uppslag = new Map<number, ReadonlyMap<Datum, readonly Helgdag[]>>();

/**
 * Årets allmänna helgdagar (utom vanliga söndagar) och de tre aftnarna, i datumordning.
 * Två helgdagar kan infalla samma dag (t.ex. första maj och Kristi himmelsfärdsdag 2008).
 */
export function helgdagar(ar: number): readonly Helgdag[] {
  const sparad = lista.get(ar);
  if (sparad) return sparad;
  kontrolleraAr(ar);
  const pask = paskdagen(ar);
  const midsommardagen = forstaVeckodagFrom(datum(ar, 6, 20), LORDAG);
  const allaHelgonsDag = forstaVeckodagFrom(datum(ar, 10, 31), LORDAG);
  const dagar: Helgdag[] = [
    { datum: datum(ar, 1, 1), namn: 'nyårsdagen', slag: 'allmanHelgdag' },
    { datum: datum(ar, 1, 6), namn: 'trettondedag jul', slag: 'allmanHelgdag' },
    { datum: plusDagar(pask, -2), namn: 'långfredagen', slag: 'allmanHelgdag' },
    { datum: pask, namn: 'påskdagen', slag: 'allmanHelgdag' },
    { datum: plusDagar(pask, 1), namn: 'annandag påsk', slag: 'allmanHelgdag' },
    { datum: datum(ar, 5, 1), namn: 'första maj', slag: 'allmanHelgdag' },
    { datum: plusDagar(pask, 39), namn: 'Kristi himmelsfärdsdag', slag: 'allmanHelgdag' },
    { datum: plusDagar(pask, 49), namn: 'pingstdagen', slag: 'allmanHelgdag' },
    { datum: datum(ar, 6, 6), namn: 'nationaldagen', slag: 'allmanHelgdag' },
    { datum: plusDagar(midsommardagen, -1), namn: 'midsommarafton', slag: 'afton' },
    { datum: midsommardagen, namn: 'midsommardagen', slag: 'allmanHelgdag' },
    { datum: allaHelgonsDag, namn: 'alla helgons dag', slag: 'allmanHelgdag' },
    { datum: datum(ar, 12, 24), namn: 'julafton', slag: 'afton' },
    { datum: datum(ar, 12, 25), namn: 'juldagen', slag: 'allmanHelgdag' },
    { datum: datum(ar, 12, 26), namn: 'annandag jul', slag: 'allmanHelgdag' },
    { datum: datum(ar, 12, 31), namn: 'nyårsafton', slag: 'afton' },
  ];
  const sorterad = Object.freeze(dagar.map((h) => Object.freeze(h)).sort((x, y) => (x.datum < y.datum ? -1 : x.datum > y.datum ? 1 : 0)));
  const perDag = new Map<Datum, Helgdag[]>();
  for (const h of sorterad) perDag.set(h.datum, [...(perDag.get(h.datum) ?? []), h]);
  lista.set(ar, sorterad);
  uppslag.set(ar, perDag);
  return sorterad;
}

/** Helgdagarna och aftnarna ett datum (oftast ingen eller en; vanliga söndagar räknas inte upp). */
export function helgdagarPa(dag: Datum): readonly Helgdag[] {
  dagnummer(dag);
  const ar = Number(dag.slice(0, 4));
  if (!uppslag.has(ar)) helgdagar(ar);
  return uppslag.get(ar)?.get(dag) ?? [];
}

/** Den (första) helgdagen eller aftonen ett datum, om någon. */
export function helgdag(dag: Datum): Helgdag | undefined {
  return helgdagarPa(dag)[0];
}

/**
 * Varför en dag inte är en helgfri vardag, i klartext ('lördag', 'söndag', 'juldagen',
 * 'första maj och Kristi himmelsfärdsdag'), eller undefined om den är det.
 * Helgdagens namn går före veckodagen ('påskdagen', inte 'söndag').
 */
export function ejVardagSkal(dag: Datum): string | undefined {
  const h = helgdagarPa(dag);
  if (h.length > 0) return h.map((x) => x.namn).join(' och ');
  const nr = veckodagNr(dag);
  if (nr === 6 || nr === 7) return veckodag(dag);
  return undefined;
}

/**
 * Är dagen en helgfri vardag: måndag–fredag som varken är allmän helgdag eller
 * midsommarafton, julafton eller nyårsafton? Det är "vardag" i 2 § lag (1930:173),
 * och Bokvar använder samma betydelse för "vardagar" i 12 kap. 44 § andra stycket jordabalken
 * och för påminnelser (se docs/frister.md).
 */
export function arHelgfri(dag: Datum): boolean {
  const nr = veckodagNr(dag);
  return nr <= 5 && helgdagarPa(dag).length === 0;
}

/** Datumet självt om det är en helgfri vardag, annars nästa helgfria vardag (2 § lag 1930:173). */
export function nastaHelgfriaDag(dag: Datum): Datum {
  let d = dag;
  while (!arHelgfri(d)) d = plusDagar(d, 1);
  return d;
}

/**
 * Räknar helgfria vardagar: antal > 0 ger den n:te vardagen efter datumet,
 * antal < 0 den n:te vardagen före. Datumet självt räknas aldrig.
 */
export function vardagarFran(dag: Datum, antal: number): Datum {
  if (!Number.isInteger(antal) || antal === 0) {
    throw new FristError('OGILTIGT_ANTAL', felText.ogiltigtAntal('antal vardagar', antal));
  }
  const steg = antal > 0 ? 1 : -1;
  let kvar = Math.abs(antal);
  let d = dag;
  while (kvar > 0) {
    d = plusDagar(d, steg);
    if (arHelgfri(d)) kvar -= 1;
  }
  return d;
}
