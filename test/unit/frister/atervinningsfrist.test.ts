import { describe, expect, it } from 'vitest';
import { FristError, atervinningsfrist, tidigastAvhysningsbeslut } from '../../../frister/index.ts';

describe('återvinningsfristen – handbokens och lagens exempel', () => {
  it('delgiven 2026-12-04, meddelandet mottaget 2026-12-01 → sista dag 2026-12-28 (25 dec juldagen, 26 lör, 27 sön)', () => {
    // Given: delgivning fredag 4 december, socialnämnden fick meddelandet tisdag 1 december
    // When: fristen räknas
    const f = atervinningsfrist({ delgivningsdatum: '2026-12-04', mottagenSocialnamnden: '2026-12-01' });
    // Then: tre veckor → fredag 25 december (juldagen); 26 och 27 är också helg → måndag 28
    expect(f.sistaDag).toBe('2026-12-28');
    expect(f.senast).toBe('2026-12-29T00:00:00+01:00');
    expect(f.forfaller).toBe('2026-12-28T23:59:59+01:00');
    expect(f.lagrum).toEqual(
      expect.arrayContaining(['jb-12-44-1', 'lag-1930-173-1', 'lag-1930-173-2', 'lag-1930-173-2-jb-12-44', 'lag-1989-253']),
    );
  });

  it('delgiven 2027-06-04 → 2027-06-25 är midsommarafton → 2027-06-28', () => {
    // Given: delgivning fredag 4 juni 2027, meddelandet samma dag
    const f = atervinningsfrist({ delgivningsdatum: '2027-06-04', mottagenSocialnamnden: '2027-06-04' });
    // Then: fredag 25 juni är midsommarafton, 26 midsommardagen, 27 söndag → måndag 28
    expect(f.sistaDag).toBe('2027-06-28');
    expect(f.forklaring.join(' ')).toMatch(/midsommarafton/);
  });

  it('delgiven 2026-03-08 (söndag) → 2026-03-29 är söndag och sommartidens första dag → 2026-03-30; timern går 2026-03-31T00:00:00+02:00', () => {
    // Given: delgivning söndag 8 mars 2026; meddelandet kom tidigare
    const f = atervinningsfrist({ delgivningsdatum: '2026-03-08', mottagenSocialnamnden: '2026-03-02' });
    // Then: sista dagen måndag 30 mars, timern vid början av 31 mars svensk sommartid
    expect(f.sistaDag).toBe('2026-03-30');
    expect(f.senast).toBe('2026-03-31T00:00:00+02:00');
    // Förklaringen visar varför: 29 mars är en söndag
    expect(f.forklaring.join(' ')).toMatch(/2026-03-29 söndag/);
  });
});

describe('återvinningsfristen – regler', () => {
  it('en veckofrist slutar på samma veckodag: delgiven onsdag → sista dag onsdag tre veckor senare', () => {
    // Given: onsdag 2026-09-02, inga helger i vägen
    const f = atervinningsfrist({ delgivningsdatum: '2026-09-02', mottagenSocialnamnden: '2026-09-01' });
    // Then: onsdag 2026-09-23, ingen flytt och inga 2 §-hänvisningar
    expect(f.sistaDag).toBe('2026-09-23');
    expect(f.lagrum).not.toContain('lag-1930-173-2');
    expect(f.lagrum).not.toContain('lag-1930-173-2-jb-12-44');
  });

  it('räknas från den senare dagen: meddelandet mottaget efter delgivningen', () => {
    // Given: delgiven 2026-09-01, socialnämnden fick meddelandet 2026-09-04
    const f = atervinningsfrist({
      delgivningsdatum: '2026-09-01',
      mottagenSocialnamnden: '2026-09-04',
      delgivningDokument: 'Delgivningskvitto 2026-0917',
      underrattelseDokument: 'Meddelande till socialnämnden, dnr 2026/123',
    });
    // Then: fredag 04 + 3 veckor = fredag 25; mottagandet är den styrande grunden, med sitt dokument
    expect(f.sistaDag).toBe('2026-09-25');
    expect(f.grund).toEqual([
      expect.objectContaining({ handelse: 'delgivning', datum: '2026-09-01', dokument: 'Delgivningskvitto 2026-0917', styrande: false }),
      expect.objectContaining({
        handelse: 'mottagenUnderrattelse',
        datum: '2026-09-04',
        dokument: 'Meddelande till socialnämnden, dnr 2026/123',
        styrande: true,
      }),
    ]);
  });

  it('samma dag: båda grunderna är styrande', () => {
    const f = atervinningsfrist({ delgivningsdatum: '2026-09-02', mottagenSocialnamnden: '2026-09-02' });
    expect(f.grund.every((g) => g.styrande)).toBe(true);
  });

  it('bara lördag i vägen: flytt enligt 2 § men ingen hänvisning till helgdagslagen', () => {
    // Given: delgiven lördag 2026-09-05 → lördag 2026-09-26
    const f = atervinningsfrist({ delgivningsdatum: '2026-09-05', mottagenSocialnamnden: '2026-09-05' });
    // Then: lördag och söndag hoppas över → måndag 28; söndag är allmän helgdag (1989:253)
    expect(f.sistaDag).toBe('2026-09-28');
    expect(f.lagrum).toContain('lag-1930-173-2-jb-12-44');
  });

  it('mottagandet som tidpunkt räknas på det svenska datumet, oavsett offset i indata', () => {
    // Given: 22:30 UTC den 30 juni är 00:30 svensk tid den 1 juli
    const utc = atervinningsfrist({ delgivningsdatum: '2026-06-20', mottagenSocialnamnden: '2026-06-30T22:30:00Z' });
    // Camundas REST-format '+0000' och ett Date-objekt för samma ögonblick
    const camunda = atervinningsfrist({ delgivningsdatum: '2026-06-20', mottagenSocialnamnden: '2026-06-30T22:30:00.000+0000' });
    const date = atervinningsfrist({ delgivningsdatum: '2026-06-20', mottagenSocialnamnden: new Date(Date.UTC(2026, 5, 30, 22, 30)) });
    // Then: fristen räknas från onsdag 1 juli → onsdag 22 juli
    for (const f of [utc, camunda, date]) {
      expect(f.sistaDag).toBe('2026-07-22');
      expect(f.grund[1]).toMatchObject({ datum: '2026-07-01T00:30:00+02:00', styrande: true });
    }
  });

  it('ogiltiga datum avvisas och namnger fältet', () => {
    expect(() => atervinningsfrist({ delgivningsdatum: '2026-02-30', mottagenSocialnamnden: '2026-02-01' })).toThrow(/delgivningsdatum/);
    expect(() => atervinningsfrist({ delgivningsdatum: '2026-02-03', mottagenSocialnamnden: 'igår' })).toThrow(FristError);
  });
});

describe('rättat meddelande från hyresvärden', () => {
  it('räknar om från det rättade meddelandet, sparar det gamla i grunden och flyttar timern', () => {
    // Given: första meddelandet (fel belopp) mottaget 2026-09-02, hyresgästen delgiven 2026-09-01
    const forsta = atervinningsfrist({
      delgivningsdatum: '2026-09-01',
      mottagenSocialnamnden: '2026-09-02',
      underrattelseDokument: 'Meddelande v1',
    });
    // When: ett rättat meddelande tas emot 2026-09-10 och fristen räknas igen
    const rattad = atervinningsfrist({
      delgivningsdatum: '2026-09-01',
      mottagenSocialnamnden: '2026-09-10',
      underrattelseDokument: 'Meddelande v2 (rättat)',
      ersatter: { mottagen: '2026-09-02', dokument: 'Meddelande v1', brist: 'fel belopp' },
    });
    // Then: ny sista dag och ny timer; det gamla meddelandet syns men styr inte; NJA 1985 s. 586 citeras
    expect(forsta.sistaDag).toBe('2026-09-23');
    expect(rattad.sistaDag).toBe('2026-10-01');
    expect(rattad.senast).not.toBe(forsta.senast);
    expect(rattad.grund).toContainEqual(
      expect.objectContaining({ handelse: 'ersattUnderrattelse', datum: '2026-09-02', dokument: 'Meddelande v1', styrande: false }),
    );
    expect(rattad.grund.find((g) => g.styrande)?.dokument).toBe('Meddelande v2 (rättat)');
    expect(rattad.lagrum).toContain('nja-1985-s586');
  });
});

describe('tidigaste beslut om avhysning: två vardagar efter fristen (12 kap. 44 § andra stycket JB)', () => {
  it('efter julexemplet: tisdag 29 och onsdag 30 december ska gå → tidigast 31 december', () => {
    // Given: återvinningsfristen slutar måndag 2026-12-28
    const f = atervinningsfrist({ delgivningsdatum: '2026-12-04', mottagenSocialnamnden: '2026-12-01' });
    // When
    const b = tidigastAvhysningsbeslut(f);
    // Then
    expect(b).toMatchObject({
      typ: 'tidigastAvhysningsbeslut',
      art: 'information',
      sistaDag: '2026-12-30',
      senast: '2026-12-31T00:00:00+01:00',
      lagrum: ['jb-12-44-2'],
    });
    expect(b.grund[0]).toMatchObject({ handelse: 'atervinningsfristUtgick', datum: '2026-12-28' });
  });

  it('midsommarafton räknas inte som vardag: fristen slutar torsdag 2027-06-24 → vardagarna 28 och 29 juni', () => {
    // Given: delgiven torsdag 2027-06-03 → sista dag torsdag 24 juni
    const f = atervinningsfrist({ delgivningsdatum: '2027-06-03', mottagenSocialnamnden: '2027-06-03' });
    expect(f.sistaDag).toBe('2027-06-24');
    // When / Then: fredag 25 är midsommarafton, 26–27 helg → måndag 28, tisdag 29
    expect(tidigastAvhysningsbeslut(f).sistaDag).toBe('2027-06-29');
  });

  it('kräver en återvinningsfrist som underlag', () => {
    const f = atervinningsfrist({ delgivningsdatum: '2027-06-03', mottagenSocialnamnden: '2027-06-03' });
    expect(() => tidigastAvhysningsbeslut({ ...f, typ: 'uppfoljning' })).toThrow(FristError);
  });
});
