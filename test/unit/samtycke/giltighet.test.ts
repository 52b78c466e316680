import { describe, expect, it } from 'vitest';
import { bedom, lage, paverkade, type Aterkallelse, type Samtycke } from '../../../domain/samtycke/giltighet.ts';

const t = (iso: string) => new Date(iso);

function samtycke(over: Partial<Samtycke> = {}): Samtycke {
  return {
    id: 's1',
    mottagare: ['hyresvard', 'annan-forvaltning:funktionsstod'],
    syften: ['kontakt-om-boendet', 'information-om-planerade-insatser'],
    form: 'skriftligt',
    lamnat: t('2026-11-02T10:00:00+01:00'),
    giltigtTill: null,
    anteckning: null,
    dokumenteratAv: 'vera',
    arendenummer: 'BV-2026-1',
    skapad: t('2026-11-02T11:00:00+01:00'),
    ...over,
  };
}

function aterkallelse(over: Partial<Aterkallelse> = {}): Aterkallelse {
  return { id: 'a1', samtyckeId: null, mottagare: null, syften: null, aterkallat: t('2026-11-10T09:00:00+01:00'), ...over };
}

const fraga = (
  vid: string,
  mottagare: Samtycke['mottagare'][number] = 'hyresvard',
  syfte: Samtycke['syften'][number] = 'kontakt-om-boendet',
) => ({
  mottagare,
  syfte,
  vid: t(vid),
});

describe('when a consent holds', () => {
  it('holds for every recipient and purpose it names, from the moment it was given', () => {
    // given
    const s = samtycke();
    // then
    expect(lage(s, [], fraga('2026-11-02T10:00:00+01:00'))).toBe('giltigt');
    expect(lage(s, [], fraga('2026-11-05T00:00:00+01:00', 'annan-forvaltning:funktionsstod', 'information-om-planerade-insatser'))).toBe(
      'giltigt',
    );
    expect(lage(s, [], fraga('2026-11-02T09:59:59+01:00'))).toBe('inte-lamnat-an');
  });

  it('does not hold for a recipient or purpose it does not name', () => {
    expect(lage(samtycke(), [], fraga('2026-11-05T00:00:00+01:00', 'kronofogden'))).toBe('saknas');
    expect(lage(samtycke(), [], fraga('2026-11-05T00:00:00+01:00', 'hyresvard', 'uppfoljning'))).toBe('saknas');
  });

  it('ends at its expiry: the instant itself no longer counts', () => {
    // given: valid through 30 November, i.e. until 1 December 00:00 Swedish time
    const s = samtycke({ giltigtTill: t('2026-12-01T00:00:00+01:00') });
    // then
    expect(lage(s, [], fraga('2026-11-30T23:59:59+01:00'))).toBe('giltigt');
    expect(lage(s, [], fraga('2026-12-01T00:00:00+01:00'))).toBe('utgatt');
  });
});

describe('revocations', () => {
  it('a whole revocation ends every part from its moment, not before', () => {
    // given
    const r = aterkallelse();
    // then
    expect(lage(samtycke(), [r], fraga('2026-11-10T08:59:59+01:00'))).toBe('giltigt');
    expect(lage(samtycke(), [r], fraga('2026-11-10T09:00:00+01:00'))).toBe('aterkallat');
    expect(lage(samtycke(), [r], fraga('2026-11-11T00:00:00+01:00', 'annan-forvaltning:funktionsstod'))).toBe('aterkallat');
  });

  it('a partial revocation ends only the named recipients and purposes', () => {
    // given: the landlord may no longer be told about planned support
    const r = aterkallelse({ mottagare: ['hyresvard'], syften: ['information-om-planerade-insatser'] });
    const vid = '2026-11-11T00:00:00+01:00';
    // then
    expect(lage(samtycke(), [r], fraga(vid, 'hyresvard', 'information-om-planerade-insatser'))).toBe('aterkallat');
    expect(lage(samtycke(), [r], fraga(vid, 'hyresvard', 'kontakt-om-boendet'))).toBe('giltigt');
    expect(lage(samtycke(), [r], fraga(vid, 'annan-forvaltning:funktionsstod', 'information-om-planerade-insatser'))).toBe('giltigt');
  });

  it('a revocation naming only recipients ends all purposes for them', () => {
    const r = aterkallelse({ mottagare: ['hyresvard'] });
    const vid = '2026-11-11T00:00:00+01:00';
    expect(lage(samtycke(), [r], fraga(vid, 'hyresvard', 'information-om-planerade-insatser'))).toBe('aterkallat');
    expect(lage(samtycke(), [r], fraga(vid, 'annan-forvaltning:funktionsstod', 'kontakt-om-boendet'))).toBe('giltigt');
  });

  it('does not touch a consent given after it', () => {
    // given: revoked on the 10th, consented again on the 12th
    const ny = samtycke({ id: 's2', lamnat: t('2026-11-12T10:00:00+01:00'), skapad: t('2026-11-12T10:05:00+01:00') });
    const r = aterkallelse();
    // then
    expect(bedom([samtycke(), ny], [r], fraga('2026-11-13T00:00:00+01:00'))).toEqual({ giltigt: ny });
  });

  it("aimed at one consent, leaves the person's other consents alone", () => {
    // given
    const annat = samtycke({ id: 's2', lamnat: t('2026-11-01T10:00:00+01:00') });
    const r = aterkallelse({ samtyckeId: 's1' });
    // then: s1 is revoked, s2 still carries the contact
    expect(bedom([samtycke(), annat], [r], fraga('2026-11-11T00:00:00+01:00'))).toEqual({ giltigt: annat });
  });
});

describe('bedom', () => {
  it('rests on the most recently given valid consent', () => {
    const aldre = samtycke({ id: 'aldre', lamnat: t('2026-10-01T10:00:00+02:00') });
    const nyare = samtycke({ id: 'nyare', lamnat: t('2026-11-01T10:00:00+01:00'), form: 'muntligt' });
    expect(bedom([aldre, nyare], [], fraga('2026-11-05T00:00:00+01:00'))).toEqual({ giltigt: nyare });
  });

  it('says why there is none, from the latest consent that covers the question', () => {
    const vid = '2026-12-05T00:00:00+01:00';
    expect(bedom([], [], fraga(vid))).toEqual({ giltigt: null, orsak: 'saknas' });
    expect(bedom([samtycke({ mottagare: ['kronofogden'] })], [], fraga(vid))).toEqual({ giltigt: null, orsak: 'saknas' });
    expect(bedom([samtycke({ giltigtTill: t('2026-12-01T00:00:00+01:00') })], [], fraga(vid))).toEqual({ giltigt: null, orsak: 'utgatt' });
    expect(bedom([samtycke()], [aterkallelse()], fraga(vid))).toEqual({ giltigt: null, orsak: 'aterkallat' });
  });
});

describe('paverkade', () => {
  it('lists the consents a new revocation ends at least one part of', () => {
    // given
    const hyresvardOnly = samtycke({ id: 'h', mottagare: ['hyresvard'] });
    const forvaltning = samtycke({ id: 'f', mottagare: ['annan-forvaltning:aldre'] });
    const redanAterkallat = samtycke({ id: 'r', mottagare: ['hyresvard'] });
    const tidigare = [aterkallelse({ id: 'gammal', samtyckeId: 'r', aterkallat: t('2026-11-05T00:00:00+01:00') })];
    // when
    const ny = aterkallelse({ id: 'ny', mottagare: ['hyresvard'] });
    // then
    expect(paverkade([hyresvardOnly, forvaltning, redanAterkallat], tidigare, ny).map((s) => s.id)).toEqual(['h']);
  });
});
