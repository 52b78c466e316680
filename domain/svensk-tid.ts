import { DateTime } from 'luxon';

/**
 * Swedish time: the zone every calendar day in Bokvar is counted in, whatever
 * the host's zone (the engine's JVM runs in UTC), and how pages, documents and
 * letters write dates and times.
 *
 * Its own module rather than part of frister/tid.ts: frister/ is the legal
 * deadline calendar (working days, holidays, its own errors), while these are
 * needed by every layer, the UI's pages included, which should not load the
 * deadline calendar to print a time. frister/tid.ts takes its zone from here.
 *
 * Written with luxon's fixed patterns rather than Intl, so that text never
 * depends on the ICU data of the machine that renders it. Nothing here reads
 * the host's zone: every DateTime is created in ZON.
 */
export const ZON = 'Europe/Stockholm';

const DATUM = /^\d{4}-\d{2}-\d{2}$/;

const MANADER = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** Monday first, as weekday 1 in luxon and in ISO 8601. */
export const VECKODAGAR = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'] as const;

// ---- reading --------------------------------------------------------------------------------

/**
 * A moment in Swedish time. Text is ISO 8601: with an offset it is that
 * moment; without one (a date, or a form's '2026-11-20T09:30') it is Swedish
 * local time. Invalid input gives an invalid DateTime, for the caller to check.
 */
export function svenskTidpunkt(tid: string | Date): DateTime {
  return tid instanceof Date ? DateTime.fromJSDate(tid, { zone: ZON }) : DateTime.fromISO(tid, { zone: ZON });
}

/** The Swedish calendar date (ÅÅÅÅ-MM-DD) of a moment, whatever offset it was written with. */
export function svensktDatum(tidpunkt: string | Date): string {
  const d = svenskTidpunkt(tidpunkt);
  if (!d.isValid) throw new Error(`Ogiltig tidpunkt: ${String(tidpunkt)}`);
  return d.toISODate()!;
}

/** Today's date in Sweden (ÅÅÅÅ-MM-DD). */
export function idag(nu: Date = new Date()): string {
  return svensktDatum(nu);
}

/** The first moment of a Swedish date (00:00 Swedish time), as a Date. */
export function dagensBorjan(datum: string): Date {
  const d = DateTime.fromISO(datum, { zone: ZON });
  if (!d.isValid) throw new Error(`Ogiltigt datum: ${datum}`);
  return d.startOf('day').toJSDate();
}

/** The first moment after a Swedish date (00:00 Swedish time the next day), as a Date: a period's exclusive end. */
export function dagensSlut(datum: string): Date {
  return DateTime.fromISO(datum, { zone: ZON }).startOf('day').plus({ days: 1 }).toJSDate();
}

// ---- pages and documents ----------------------------------------------------------------------

/**
 * A date or a moment as pages, CSV files and PDFs show it: a date as it is, a
 * moment as '2026-03-01 14:05' in Swedish time, nothing as '–', and text that
 * is neither as it is. The engine writes offsets without a colon (+0000).
 */
export function tidText(tid: string | Date | null | undefined): string {
  if (!tid) return '–';
  if (typeof tid === 'string' && DATUM.test(tid)) return tid;
  const d = tid instanceof Date ? tid : new Date(tid.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(d.getTime()) ? String(tid) : DateTime.fromJSDate(d, { zone: ZON }).toFormat('yyyy-MM-dd HH:mm');
}

/** '2026-03-01 14:05:09': to the second, for the read log, whose rows an auditor compares one by one. */
export function tidMedSekunder(tid: Date): string {
  return DateTime.fromJSDate(tid, { zone: ZON }).toFormat('yyyy-MM-dd HH:mm:ss');
}

// ---- letters ----------------------------------------------------------------------------------

/** '2026-12-28' → '28 december 2026'. */
export function datumText(datum: string): string {
  const [ar, manad, dag] = datum.split('-').map(Number) as [number, number, number];
  return `${dag} ${MANADER[manad - 1]} ${ar}`;
}

/** '2026-12-28' → 'måndagen den 28 december 2026'. */
export function dagOchDatumText(datum: string): string {
  const dt = DateTime.fromISO(datum, { zone: ZON });
  return `${VECKODAGAR[dt.weekday - 1]}en den ${datumText(datum)}`;
}

/** A moment as a letter writes it: its Swedish date and 'kl. 09.30'. A time without offset is Swedish local time. */
export function datumOchKlockslag(tidpunkt: string | Date): { datum: string; klockslag: string } {
  const dt = svenskTidpunkt(tidpunkt);
  return { datum: dt.toFormat('yyyy-MM-dd'), klockslag: `kl. ${dt.toFormat('HH.mm')}` };
}
