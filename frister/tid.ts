/**
 * Svensk tid. All kalenderräkning i Bokvar sker i Europe/Stockholm, oberoende av
 * serverns tidszon (processmotorn kör i UTC). Inget här läser värdens tidszon:
 * varje DateTime skapas med zonen angiven. Zonen och veckodagarnas namn kommer från
 * domain/svensk-tid.ts, som också skriver datum och tider för sidor och brev.
 */
import { DateTime } from 'luxon';
import { VECKODAGAR, ZON } from '../domain/svensk-tid.ts';
import { FristError, felText } from './fel.ts';

/** Ett kalenderdatum, 'ÅÅÅÅ-MM-DD'. */
export type Datum = string;

/** Ett datum ('ÅÅÅÅ-MM-DD'), en ISO 8601-tidpunkt (helst med offset) eller ett Date-objekt. */
export type DagEllerTidpunkt = string | Date;

const DATUM_RE = /^\d{4}-\d{2}-\d{2}$/;

export function arDatumText(varde: unknown): varde is Datum {
  return typeof varde === 'string' && DATUM_RE.test(varde);
}

// ------------------------------------------------------------ kalenderdatum
// Ett datum är ett kalenderdatum, inte ett ögonblick: räkning med dagar, veckor och månader på
// datum är densamma i alla tidszoner. Den görs därför med heltal (dagnummer sedan 1970-01-01,
// bara UTC-metoder – aldrig värdens tidszon) – snabbt nog för de uttömmande testerna.
// Först när ett datum blir ett ögonblick (dagstart, senast, förfaller) används Europe/Stockholm.

const DAG_MS = 86_400_000;

/** Dagnummer (dagar sedan 1970-01-01) för ett giltigt 'ÅÅÅÅ-MM-DD'; kastar annars. */
export function dagnummer(datum: Datum, falt = 'datum'): number {
  if (!arDatumText(datum)) throw new FristError('OGILTIGT_DATUM', felText.ogiltigtDatum(falt, datum));
  const ar = Number(datum.slice(0, 4));
  const manad = Number(datum.slice(5, 7));
  const dag = Number(datum.slice(8, 10));
  const ms = Date.UTC(ar, manad - 1, dag);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== ar || d.getUTCMonth() !== manad - 1 || d.getUTCDate() !== dag) {
    throw new FristError('OGILTIGT_DATUM', felText.ogiltigtDatum(falt, datum));
  }
  return ms / DAG_MS;
}

/** 'ÅÅÅÅ-MM-DD' för ett dagnummer. */
export function datumFranNummer(nr: number): Datum {
  return new Date(nr * DAG_MS).toISOString().slice(0, 10);
}

/** Kalenderdatum plus (eller minus) ett antal dagar. En vecka är sju dagar: samma veckodag (1 § lag 1930:173). */
export function plusDagar(datum: Datum, dagar: number): Datum {
  return datumFranNummer(dagnummer(datum) + dagar);
}

/**
 * Kalenderdatum plus ett antal månader: samma dagnummer i månaden, eller månadens sista dag
 * om den dagen saknas (1 § lag 1930:173), t.ex. 31 januari + 1 månad = 28/29 februari.
 */
export function plusManader(datum: Datum, manader: number): Datum {
  dagnummer(datum);
  const ar = Number(datum.slice(0, 4));
  const manad = Number(datum.slice(5, 7)) - 1 + manader;
  const dag = Number(datum.slice(8, 10));
  const sistaIManaden = new Date(Date.UTC(ar, manad + 1, 0)).getUTCDate();
  return datumFranNummer(Date.UTC(ar, manad, Math.min(dag, sistaIManaden)) / DAG_MS);
}

/** Veckodag som nummer, 1 = måndag … 7 = söndag. */
export function veckodagNr(datum: Datum): number {
  return ((((dagnummer(datum) + 3) % 7) + 7) % 7) + 1; // 1970-01-01 var en torsdag
}

// ------------------------------------------------------------ ögonblick i svensk tid

/** Ett klockslag en viss dag, svensk tid. (00:00 och 23:59:59 finns alltid; sommartiden byter 02–03.) */
export function klockslag(datum: Datum, timme: number, minut = 0, sekund = 0, falt = 'datum'): DateTime {
  dagnummer(datum, falt);
  const dt = DateTime.fromObject(
    {
      year: Number(datum.slice(0, 4)),
      month: Number(datum.slice(5, 7)),
      day: Number(datum.slice(8, 10)),
      hour: timme,
      minute: minut,
      second: sekund,
    },
    { zone: ZON },
  );
  if (!dt.isValid) throw new FristError('OGILTIGT_DATUM', felText.ogiltigtDatum(falt, datum));
  return dt;
}

/** Starten (00:00 svensk tid) av ett kalenderdatum. */
export function dagstart(datum: Datum, falt = 'datum'): DateTime {
  return klockslag(datum, 0, 0, 0, falt);
}

/**
 * Tolkar ett datum eller en tidpunkt till en tidpunkt i svensk tid.
 * - 'ÅÅÅÅ-MM-DD' → dagens början, 00:00 svensk tid.
 * - ISO-tidpunkt med offset eller Z (även Camundas '+0000') → samma ögonblick, i svensk tid.
 * - ISO-tidpunkt utan offset → tolkas som svensk lokal tid.
 * - Date → samma ögonblick, i svensk tid.
 */
export function tolkaTidpunkt(varde: DagEllerTidpunkt, falt: string): DateTime {
  if (varde instanceof Date) {
    const dt = DateTime.fromJSDate(varde, { zone: ZON });
    if (!dt.isValid) throw new FristError('OGILTIGT_DATUM', felText.ogiltigtDatum(falt, String(varde)));
    return dt;
  }
  if (typeof varde !== 'string') throw new FristError('OGILTIGT_DATUM', felText.ogiltigtDatum(falt, varde));
  if (arDatumText(varde)) return dagstart(varde, falt);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(varde)) {
    throw new FristError('OGILTIGT_DATUM', felText.ogiltigtDatum(falt, varde));
  }
  const dt = DateTime.fromISO(varde, { zone: ZON });
  if (!dt.isValid) throw new FristError('OGILTIGT_DATUM', felText.ogiltigtDatum(falt, varde));
  return dt;
}

/** Som tolkaTidpunkt men kräver klockslag (ett rent datum avvisas). */
export function tolkaExaktTidpunkt(varde: DagEllerTidpunkt, falt: string): DateTime {
  if (arDatumText(varde)) throw new FristError('TIDPUNKT_KRAVS', felText.tidpunktKravs(falt, varde));
  return tolkaTidpunkt(varde, falt);
}

/** Det svenska kalenderdatum som ett datum eller en tidpunkt infaller på. */
export function svensktDatum(varde: DagEllerTidpunkt, falt: string): Datum {
  if (arDatumText(varde)) {
    dagnummer(varde, falt);
    return varde;
  }
  return datumAv(tolkaTidpunkt(varde, falt));
}

/** 'ÅÅÅÅ-MM-DD' för en tidpunkt, sett i svensk tid. */
export function datumAv(dt: DateTime): Datum {
  return dt.setZone(ZON).toFormat('yyyy-MM-dd');
}

/** ISO 8601 med offset och hela sekunder, t.ex. '2026-03-31T00:00:00+02:00' – duger för Camundas timeDate och dueDate. */
export function isoMedOffset(dt: DateTime): string {
  const z = dt.zoneName === ZON ? dt : dt.setZone(ZON);
  const s = (z.millisecond === 0 ? z : z.startOf('second')).toISO({ suppressMilliseconds: true, includeOffset: true });
  if (s === null) throw new Error(`Ogiltig tidpunkt: ${dt.invalidExplanation ?? 'okänt fel'}`);
  return s;
}

// Svaret för ett givet datum ändras aldrig; luxons tidszonsräkning är långsam (Intl), så spara.
const MINNE_MAX = 100_000;
const startMinne = new Map<Datum, string>();
const slutMinne = new Map<Datum, string>();

function minns(minne: Map<Datum, string>, datum: Datum, rakna: () => string): string {
  let s = minne.get(datum);
  if (s === undefined) {
    if (minne.size >= MINNE_MAX) minne.clear();
    s = rakna();
    minne.set(datum, s);
  }
  return s;
}

/** 00:00 svensk tid det datumet, ISO med offset. */
export function startAvDagen(datum: Datum): string {
  return minns(startMinne, datum, () => isoMedOffset(dagstart(datum)));
}

/** Ögonblicket då dagen efter `datum` börjar (00:00 svensk tid) – då en dagsfrist har löpt ut. */
export function startAvDagenEfter(datum: Datum): string {
  return startAvDagen(plusDagar(datum, 1));
}

/** Dagens sista hela sekund, 23:59:59 svensk tid – förfallotid för användaruppgifter. */
export function slutAvDagen(datum: Datum): string {
  return minns(slutMinne, datum, () => isoMedOffset(klockslag(datum, 23, 59, 59)));
}

/** Veckodag på svenska, t.ex. 'söndag'. */
export function veckodag(datum: Datum): string {
  return VECKODAGAR[veckodagNr(datum) - 1] ?? '';
}
