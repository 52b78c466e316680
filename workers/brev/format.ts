import { DateTime } from 'luxon';
import { ZON, type Datum } from '../../frister/index.ts';

/**
 * How letters write dates, times, amounts and personnummer. Written out by hand
 * rather than with Intl so that a letter's text never depends on the ICU data
 * of the machine that renders it.
 */
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

const VECKODAGAR = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'] as const;

/** '2026-12-28' → '28 december 2026'. */
export function datumText(datum: Datum): string {
  const [ar, manad, dag] = datum.split('-').map(Number) as [number, number, number];
  return `${dag} ${MANADER[manad - 1]} ${ar}`;
}

/** '2026-12-28' → 'måndagen den 28 december 2026'. */
export function dagOchDatumText(datum: Datum): string {
  const dt = DateTime.fromISO(datum, { zone: ZON });
  return `${VECKODAGAR[dt.weekday - 1]}en den ${datumText(datum)}`;
}

/** A moment as Swedish local time: its date and 'kl. 09.30'. A time without offset is Swedish local time. */
export function svenskTid(tidpunkt: string | Date): { datum: Datum; klockslag: string } {
  const dt =
    tidpunkt instanceof Date ? DateTime.fromJSDate(tidpunkt, { zone: ZON }) : DateTime.fromISO(tidpunkt, { zone: ZON });
  return { datum: dt.toFormat('yyyy-MM-dd'), klockslag: `kl. ${dt.toFormat('HH.mm')}` };
}

/** Today's date in Sweden, whatever the host's time zone. */
export function svensktDatumFor(tidpunkt: Date): Datum {
  return DateTime.fromJSDate(tidpunkt, { zone: ZON }).toFormat('yyyy-MM-dd');
}

/** 12345.5 → '12 345,50 kr'; whole kronor without decimals. */
export function beloppText(kronor: number): string {
  const ore = Math.round(kronor * 100);
  const hela = Math.trunc(Math.abs(ore) / 100);
  const rest = Math.abs(ore) % 100;
  const grupperat = String(hela).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const tecken = ore < 0 ? '−' : '';
  return `${tecken}${grupperat}${rest === 0 ? '' : ',' + String(rest).padStart(2, '0')} kr`;
}

/** '194512129876' → '19451212-9876'. */
export function personnummerText(personnummer: string): string {
  return `${personnummer.slice(0, 8)}-${personnummer.slice(8)}`;
}
