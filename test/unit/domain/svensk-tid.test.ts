import { describe, expect, it } from 'vitest';
import {
  dagensBorjan,
  dagensSlut,
  dagOchDatumText,
  datumOchKlockslag,
  datumText,
  idag,
  svenskTidpunkt,
  svensktDatum,
  tidMedSekunder,
  tidText,
} from '../../../domain/svensk-tid.ts';

describe('Swedish calendar days', () => {
  it('takes the date in Swedish time, whatever offset the moment was written with', () => {
    expect(svensktDatum('2026-11-25T23:30:00Z')).toBe('2026-11-26'); // 00:30 CET
    expect(svensktDatum('2026-07-01T21:59:59Z')).toBe('2026-07-01'); // 23:59:59 CEST
    expect(svensktDatum('2026-07-01T22:00:00Z')).toBe('2026-07-02'); // 00:00 CEST
    expect(svensktDatum(new Date('2026-01-15T22:59:59Z'))).toBe('2026-01-15');
    expect(svensktDatum('2026-01-15T23:30:00.000+0000')).toBe('2026-01-16'); // the engine's offset without colon
    expect(() => svensktDatum('igår')).toThrow(/Ogiltig tidpunkt/);
  });

  it('reads a date or a time without offset as Swedish local time, whatever the host', () => {
    expect(svenskTidpunkt('2026-11-20T09:30').toISO()).toBe('2026-11-20T09:30:00.000+01:00');
    expect(svenskTidpunkt('2026-07-01').toISO()).toBe('2026-07-01T00:00:00.000+02:00');
    expect(svensktDatum('2026-07-01T23:30')).toBe('2026-07-01');
  });

  it('today is the Swedish date: after 23:00 UTC in winter it is already tomorrow', () => {
    expect(idag(new Date('2026-01-15T22:59:59Z'))).toBe('2026-01-15');
    expect(idag(new Date('2026-01-15T23:00:00Z'))).toBe('2026-01-16');
    expect(idag()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('a Swedish day runs from 00:00 to 00:00 local time, 23 hours long on the spring change', () => {
    expect(dagensBorjan('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(dagensSlut('2026-03-29').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(dagensSlut('2026-10-25').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});

describe('times on pages and in documents', () => {
  it('writes a moment to the minute in Swedish time, across both changes of summer time', () => {
    expect(tidText('2026-03-29T00:59:59Z')).toBe('2026-03-29 01:59');
    expect(tidText('2026-03-29T01:00:00Z')).toBe('2026-03-29 03:00');
    expect(tidText('2026-10-25T00:30:00Z')).toBe('2026-10-25 02:30');
    expect(tidText('2026-10-25T01:30:00Z')).toBe('2026-10-25 02:30');
    expect(tidText('2026-12-31T23:00:00Z')).toBe('2027-01-01 00:00');
    expect(tidText(new Date('2026-07-01T12:34:56.789Z'))).toBe('2026-07-01 14:34');
    expect(tidText('2026-07-01T12:34:56.789+0000')).toBe('2026-07-01 14:34');
  });

  it('writes what Intl writes for sv-SE, the format the pages had', () => {
    const intl = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3_600_000 + 13 * 60_000) {
      expect(tidText(new Date(t))).toBe(intl.format(new Date(t)));
    }
  });

  it('leaves a date as it is, shows nothing as a dash, and text that is no time as it is', () => {
    expect(tidText('2026-12-28')).toBe('2026-12-28');
    expect(tidText(null)).toBe('–');
    expect(tidText(undefined)).toBe('–');
    expect(tidText('')).toBe('–');
    expect(tidText('okänt')).toBe('okänt');
  });

  it('writes the read log to the second', () => {
    expect(tidMedSekunder(new Date('2026-03-29T01:00:09Z'))).toBe('2026-03-29 03:00:09');
  });
});

describe('dates and times in letters', () => {
  it('writes dates out, with the weekday where a meeting is proposed', () => {
    expect(datumText('2026-12-28')).toBe('28 december 2026');
    expect(datumText('2027-01-01')).toBe('1 januari 2027');
    expect(dagOchDatumText('2026-12-28')).toBe('måndagen den 28 december 2026');
    expect(dagOchDatumText('2026-12-27')).toBe('söndagen den 27 december 2026');
  });

  it("writes a moment as its Swedish date and 'kl. 09.30'", () => {
    expect(datumOchKlockslag('2026-12-03T08:30:00Z')).toEqual({ datum: '2026-12-03', klockslag: 'kl. 09.30' });
    expect(datumOchKlockslag('2026-12-03T10:00')).toEqual({ datum: '2026-12-03', klockslag: 'kl. 10.00' });
    expect(datumOchKlockslag(new Date('2026-06-30T22:15:00Z'))).toEqual({ datum: '2026-07-01', klockslag: 'kl. 00.15' });
  });
});
