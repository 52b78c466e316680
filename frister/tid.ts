/**
 * Svensk tid. All kalenderräkning i Bokvar sker i Europe/Stockholm, oberoende av
 * serverns tidszon (processmotorn kör i UTC). Inget här läser värdens tidszon:
 * varje DateTime skapas med zonen angiven.
 */
import { DateTime } from 'luxon';
import { FristFel, felText } from './fel.ts';

export const ZON = 'Europe/Stockholm';

/** Ett kalenderdatum, 'ÅÅÅÅ-MM-DD'. */
export type Datum = string;

/** Ett datum ('ÅÅÅÅ-MM-DD'), en ISO 8601-tidpunkt (helst med offset) eller ett Date-objekt. */
export type DagEllerTidpunkt = string | Date;

const DATUM_RE = /^\d{4}-\d{2}-\d{2}$/;

export function arDatumText(varde: unknown): varde is Datum {
  return typeof varde === 'string' && DATUM_RE.test(varde);
}

/** Starten (00:00 svensk tid) av ett kalenderdatum. */
export function dagstart(datum: Datum, falt = 'datum'): DateTime {
  if (!arDatumText(datum)) throw new FristFel('OGILTIGT_DATUM', felText.ogiltigtDatum(falt, datum));
  const dt = DateTime.fromISO(datum, { zone: ZON });
  if (!dt.isValid) throw new FristFel('OGILTIGT_DATUM', felText.ogiltigtDatum(falt, datum));
  return dt.startOf('day');
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
    if (!dt.isValid) throw new FristFel('OGILTIGT_DATUM', felText.ogiltigtDatum(falt, String(varde)));
    return dt;
  }
  if (typeof varde !== 'string') throw new FristFel('OGILTIGT_DATUM', felText.ogiltigtDatum(falt, varde));
  if (arDatumText(varde)) return dagstart(varde, falt);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(varde)) {
    throw new FristFel('OGILTIGT_DATUM', felText.ogiltigtDatum(falt, varde));
  }
  const dt = DateTime.fromISO(varde, { zone: ZON });
  if (!dt.isValid) throw new FristFel('OGILTIGT_DATUM', felText.ogiltigtDatum(falt, varde));
  return dt;
}

/** Som tolkaTidpunkt men kräver klockslag (ett rent datum avvisas). */
export function tolkaExaktTidpunkt(varde: DagEllerTidpunkt, falt: string): DateTime {
  if (arDatumText(varde)) throw new FristFel('TIDPUNKT_KRAVS', felText.tidpunktKravs(falt, varde));
  return tolkaTidpunkt(varde, falt);
}

/** Det svenska kalenderdatum som ett datum eller en tidpunkt infaller på. */
export function svensktDatum(varde: DagEllerTidpunkt, falt: string): Datum {
  return datumAv(tolkaTidpunkt(varde, falt));
}

/** 'ÅÅÅÅ-MM-DD' för en tidpunkt, sett i svensk tid. */
export function datumAv(dt: DateTime): Datum {
  return dt.setZone(ZON).toFormat('yyyy-MM-dd');
}

/** ISO 8601 med offset och hela sekunder, t.ex. '2026-03-31T00:00:00+02:00' – duger för Camundas timeDate och dueDate. */
export function isoMedOffset(dt: DateTime): string {
  const s = dt.setZone(ZON).startOf('second').toISO({ suppressMilliseconds: true, includeOffset: true });
  if (s === null) throw new Error(`Ogiltig tidpunkt: ${dt.invalidExplanation ?? 'okänt fel'}`);
  return s;
}

/** Kalenderräkning i svensk tid: lägger till dagar på ett datum. */
export function plusDagar(datum: Datum, dagar: number): Datum {
  return datumAv(dagstart(datum).plus({ days: dagar }));
}

/** Ögonblicket då dagen efter `datum` börjar (00:00 svensk tid) – då en dagsfrist har löpt ut. */
export function startAvDagenEfter(datum: Datum): string {
  return isoMedOffset(dagstart(datum).plus({ days: 1 }));
}

/** Dagens sista hela sekund, 23:59:59 svensk tid – förfallotid för användaruppgifter. */
export function slutAvDagen(datum: Datum): string {
  return isoMedOffset(dagstart(datum).endOf('day'));
}

const VECKODAGAR = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'] as const;

/** Veckodag på svenska, t.ex. 'söndag'. */
export function veckodag(datum: Datum): string {
  return VECKODAGAR[dagstart(datum).weekday - 1] ?? '';
}
