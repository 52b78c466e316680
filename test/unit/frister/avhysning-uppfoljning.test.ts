import { describe, expect, it } from 'vitest';
import { avhysning, uppfoljning } from '../../../frister/index.ts';
import { medAndrat, ovanliga, standard } from './stod.ts';

describe('avhysningsdagen: närvaro och påminnelser', () => {
  it('närvarouppgiften förfaller avhysningsdagen; påminnelser 3 och 1 vardagar före, över julen', () => {
    // Given: Kronofogden avhyser måndag 2026-12-28 kl. 09:00
    // When
    const { narvaro, dag, paminnelser } = avhysning(
      { avhysningsdag: '2026-12-28T09:00:00+01:00', dokument: 'Underrättelse om avhysning' },
      standard,
    );
    // the day itself, from 00:00 Swedish time: when the attendance task is created
    expect(dag).toMatchObject({
      typ: 'avhysningsdag',
      slag: 'tidpunkt',
      senast: '2026-12-28T00:00:00+01:00',
      forfaller: '2026-12-28T23:59:59+01:00',
    });
    // Then: närvaro den dagen; tidpunkten finns kvar i grunden
    expect(narvaro).toMatchObject({
      typ: 'avhysningNarvaro',
      sistaDag: '2026-12-28',
      senast: '2026-12-29T00:00:00+01:00',
      forfaller: '2026-12-28T23:59:59+01:00',
    });
    expect(narvaro.grund[0]).toMatchObject({ datum: '2026-12-28T09:00:00+01:00', dokument: 'Underrättelse om avhysning' });
    // 24–27 december är inga vardagar: 1 vardag före = onsdag 23, 3 vardagar före = måndag 21
    expect(paminnelser.map((p) => [p.benamning, p.senast])).toEqual([
      ['Påminnelse 3 vardagar före avhysningen', '2026-12-21T00:00:00+01:00'],
      ['Påminnelse 1 vardag före avhysningen', '2026-12-23T00:00:00+01:00'],
    ]);
    expect(paminnelser[0]?.kalla).toMatchObject({ installning: 'avhysning.paminnelserFore', varde: '3 vardagar' });
  });

  it('midsommarafton är ingen vardag: avhysning måndag 2027-06-28 → 1 vardag före = torsdag 24 juni', () => {
    const { paminnelser } = avhysning({ avhysningsdag: '2027-06-28' }, standard);
    expect(paminnelser.map((p) => p.senast.slice(0, 10))).toEqual(['2027-06-22', '2027-06-24']);
  });

  it('sommartid börjar mellan påminnelsen och avhysningen', () => {
    // Given: avhysning måndag 2026-03-30 (sommartid sedan söndag)
    const { narvaro, paminnelser } = avhysning({ avhysningsdag: '2026-03-30' }, standard);
    // Then: påminnelserna på vintertid, närvaron på sommartid
    expect(paminnelser.map((p) => p.senast)).toEqual(['2026-03-25T00:00:00+01:00', '2026-03-27T00:00:00+01:00']);
    expect(narvaro.forfaller).toBe('2026-03-30T23:59:59+02:00');
  });

  it('sommartid slutar mellan påminnelserna', () => {
    const { narvaro, paminnelser } = avhysning({ avhysningsdag: '2026-10-27' }, standard);
    expect(paminnelser.map((p) => p.senast)).toEqual(['2026-10-22T00:00:00+02:00', '2026-10-26T00:00:00+01:00']);
    expect(narvaro.senast).toBe('2026-10-28T00:00:00+01:00');
  });

  it('inställningarna styr: [1, 5, 2] ger påminnelser i tidsordning; en tom lista ger inga', () => {
    const { paminnelser } = avhysning({ avhysningsdag: '2026-09-18' }, ovanliga);
    expect(paminnelser.map((p) => p.senast.slice(0, 10))).toEqual(['2026-09-11', '2026-09-16', '2026-09-17']);
    const inga = medAndrat({
      avhysning: { paminnelserFore: { varde: [], enhet: 'vardagar', kalla: 'Testfixtur: inga påminnelser' } },
    });
    expect(avhysning({ avhysningsdag: '2026-09-18' }, inga).paminnelser).toEqual([]);
  });
});

describe('uppföljning efter avslut', () => {
  it('4 veckor efter avslutet: timern 00:00 uppföljningsdagen, uppgiften förfaller vid dagens slut', () => {
    // Given: ärendet avslutades torsdag 2026-09-03 kl. 15:20
    const f = uppfoljning({ avslutad: '2026-09-03T15:20:00+02:00', dokument: 'Avslutsanteckning' }, standard);
    // Then
    expect(f).toMatchObject({
      typ: 'uppfoljning',
      slag: 'tidpunkt',
      senast: '2026-10-01T00:00:00+02:00',
      forfaller: '2026-10-01T23:59:59+02:00',
      lagrum: ['handbok-uppfoljning'],
    });
    expect(f.sistaDag).toBeUndefined();
    expect(f.kalla).toMatchObject({ installning: 'uppfoljning.efterAvslut', varde: '4 veckor' });
  });

  it('över sommartidens slut och början', () => {
    expect(uppfoljning({ avslutad: '2026-10-01' }, standard).senast).toBe('2026-10-29T00:00:00+01:00');
    expect(uppfoljning({ avslutad: '2026-03-10' }, standard).senast).toBe('2026-04-07T00:00:00+02:00');
  });

  it('3 månader i en annan kommun: 30 november + 3 månader = 28 februari', () => {
    expect(uppfoljning({ avslutad: '2026-11-30' }, ovanliga).senast).toBe('2027-02-28T00:00:00+01:00');
  });
});
