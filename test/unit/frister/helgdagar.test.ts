import { describe, expect, it } from 'vitest';
import {
  FristError,
  arHelgfri,
  ejVardagSkal,
  helgdag,
  helgdagar,
  helgdagarPa,
  nastaHelgfriaDag,
  paskdagen,
  plusDagar,
  vardagarFran,
  veckodagNr,
} from '../../../frister/index.ts';

describe('påskdagen', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // senast möjliga
  ])('%i → %s', (ar, dag) => {
    expect(paskdagen(ar)).toBe(dag);
  });
});

describe('årets helgdagar', () => {
  it('2026: alla allmänna helgdagar och de tre aftnarna, i ordning', () => {
    // Given: år 2026  When: årets dagar listas  Then: exakt lag 1989:253 + 1930:173:s aftnar
    expect(helgdagar(2026).map((h) => `${h.datum} ${h.namn} ${h.slag}`)).toEqual([
      '2026-01-01 nyårsdagen allmanHelgdag',
      '2026-01-06 trettondedag jul allmanHelgdag',
      '2026-04-03 långfredagen allmanHelgdag',
      '2026-04-05 påskdagen allmanHelgdag',
      '2026-04-06 annandag påsk allmanHelgdag',
      '2026-05-01 första maj allmanHelgdag',
      '2026-05-14 Kristi himmelsfärdsdag allmanHelgdag',
      '2026-05-24 pingstdagen allmanHelgdag',
      '2026-06-06 nationaldagen allmanHelgdag',
      '2026-06-19 midsommarafton afton',
      '2026-06-20 midsommardagen allmanHelgdag',
      '2026-10-31 alla helgons dag allmanHelgdag',
      '2026-12-24 julafton afton',
      '2026-12-25 juldagen allmanHelgdag',
      '2026-12-26 annandag jul allmanHelgdag',
      '2026-12-31 nyårsafton afton',
    ]);
  });

  it('midsommardagen är lördagen 20–26 juni och alla helgons dag lördagen 31 okt–6 nov, 2005–2100', () => {
    for (let ar = 2005; ar <= 2100; ar++) {
      const midsommar = helgdagar(ar).find((h) => h.namn === 'midsommardagen')!.datum;
      const allaHelgon = helgdagar(ar).find((h) => h.namn === 'alla helgons dag')!.datum;
      expect(veckodagNr(midsommar)).toBe(6);
      expect(midsommar >= `${ar}-06-20` && midsommar <= `${ar}-06-26`).toBe(true);
      expect(veckodagNr(allaHelgon)).toBe(6);
      expect(allaHelgon >= `${ar}-10-31` && allaHelgon <= `${ar}-11-06`).toBe(true);
      expect(helgdag(plusDagar(midsommar, -1))?.namn).toBe('midsommarafton');
    }
  });

  it('två helgdagar samma dag: första maj och Kristi himmelsfärdsdag 2008', () => {
    expect(helgdagarPa('2008-05-01').map((h) => h.namn)).toEqual(['första maj', 'Kristi himmelsfärdsdag']);
    expect(ejVardagSkal('2008-05-01')).toBe('första maj och Kristi himmelsfärdsdag');
  });

  it('år före 2005 avvisas (annandag pingst var då helgdag, nationaldagen inte)', () => {
    expect(() => helgdagar(2004)).toThrow(FristError);
    expect(() => helgdagar(2004)).toThrow(/2005/);
  });
});

describe('arHelgfri – vardag i 2 § lag (1930:173)', () => {
  it.each([
    ['2026-03-02', true, 'vanlig måndag'],
    ['2026-03-07', false, 'lördag'],
    ['2026-03-08', false, 'söndag'],
    ['2026-04-03', false, 'långfredagen'],
    ['2026-06-19', false, 'midsommarafton (fredag)'],
    ['2025-12-24', false, 'julafton (onsdag)'],
    ['2025-12-31', false, 'nyårsafton (onsdag)'],
    ['2026-06-06', false, 'nationaldagen'],
    ['2026-04-02', true, 'skärtorsdagen är ingen helgdag'],
    ['2026-05-25', true, 'annandag pingst är ingen helgdag sedan 2005'],
    ['2026-01-05', true, 'trettondagsafton är ingen afton i lagens mening'],
    ['2026-04-30', true, 'valborgsmässoafton likaså'],
    ['2026-11-06', true, 'Gustav Adolfsdagen är en vanlig dag'],
  ])('%s → %s (%s)', (dag, forvantat) => {
    expect(arHelgfri(dag)).toBe(forvantat);
  });

  it('nästa helgfria dag hoppar över jul- och nyårshelgerna', () => {
    expect(nastaHelgfriaDag('2026-03-02')).toBe('2026-03-02');
    expect(nastaHelgfriaDag('2026-12-24')).toBe('2026-12-28');
    expect(nastaHelgfriaDag('2027-12-31')).toBe('2028-01-03');
  });

  it('vardagar framåt och bakåt räknar inte med själva dagen', () => {
    expect(vardagarFran('2026-12-23', 1)).toBe('2026-12-28');
    expect(vardagarFran('2026-12-28', -1)).toBe('2026-12-23');
    expect(vardagarFran('2026-12-28', -3)).toBe('2026-12-21');
    expect(() => vardagarFran('2026-12-28', 0)).toThrow(FristError);
    expect(() => vardagarFran('2026-12-28', 1.5)).toThrow(FristError);
  });

  it('ogiltiga datum avvisas med FristError', () => {
    expect(() => arHelgfri('2026-02-30')).toThrow(/2026-02-30/);
    expect(() => arHelgfri('30/3 2026')).toThrow(FristError);
  });
});
