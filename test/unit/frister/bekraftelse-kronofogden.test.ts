import { describe, expect, it } from 'vitest';
import { FristError, bekraftelseKronofogden } from '../../../frister/index.ts';
import { medAndrat, ovanliga, standard } from './stod.ts';

describe('bekräftelse till Kronofogden samma dag', () => {
  it('mottaget på förmiddagen: i tid dagen ut, eskalering 14:00', () => {
    // Given: Kronofogdens besked togs emot tisdag 2026-09-08 kl. 09:15 svensk tid
    // When
    const { bekraftelse, eskalering } = bekraftelseKronofogden(
      { mottagen: '2026-09-08T09:15:00+02:00', dokument: 'Underrättelse om avhysning, KFM 12-345678-26' },
      standard,
    );
    // Then: sista dag samma dag; timern vid midnatt; uppgiften förfaller 23:59:59; eskalering 14:00
    expect(bekraftelse).toMatchObject({
      typ: 'bekraftelseKronofogden',
      slag: 'frist',
      sistaDag: '2026-09-08',
      senast: '2026-09-09T00:00:00+02:00',
      forfaller: '2026-09-08T23:59:59+02:00',
    });
    expect(bekraftelse.grund[0]).toMatchObject({
      handelse: 'mottagetBeskedKronofogden',
      datum: '2026-09-08T09:15:00+02:00',
      dokument: 'Underrättelse om avhysning, KFM 12-345678-26',
    });
    expect(bekraftelse.lagrum).toEqual(expect.arrayContaining(['handbok-bekraftelse-kronofogden', 'sof-5-4']));
    expect(eskalering).toMatchObject({ slag: 'tidpunkt', senast: '2026-09-08T14:00:00+02:00' });
    expect(eskalering.kalla).toMatchObject({ installning: 'bekraftelseKronofogden.eskaleringKlockslag', varde: '14:00' });
  });

  it('mottaget precis 14:00: eskalering en timme efter mottagandet', () => {
    const { eskalering } = bekraftelseKronofogden({ mottagen: '2026-09-08T14:00:00+02:00' }, standard);
    expect(eskalering.senast).toBe('2026-09-08T15:00:00+02:00');
    expect(eskalering.kalla).toMatchObject({ installning: 'bekraftelseKronofogden.eskaleringEfterSenMottagning', varde: '1 timme' });
  });

  it('mottaget 23:30: eskaleringen hamnar aldrig efter dagens slut', () => {
    const { bekraftelse, eskalering } = bekraftelseKronofogden({ mottagen: '2026-09-08T23:30:00+02:00' }, standard);
    expect(eskalering.senast).toBe('2026-09-08T23:59:59+02:00');
    expect(eskalering.senast).toBe(bekraftelse.forfaller);
  });

  it('dagen är den svenska dagen: 22:30 UTC den 30 juni är 1 juli i Sverige', () => {
    // Given: motorn (UTC) rapporterar mottagandet 2026-06-30T22:30:00.000+0000
    const { bekraftelse, eskalering } = bekraftelseKronofogden({ mottagen: '2026-06-30T22:30:00.000+0000' }, standard);
    // Then: svensk dag 1 juli, eskalering 14:00 den dagen
    expect(bekraftelse.sistaDag).toBe('2026-07-01');
    expect(bekraftelse.grund[0]?.datum).toBe('2026-07-01T00:30:00+02:00');
    expect(eskalering.senast).toBe('2026-07-01T14:00:00+02:00');
  });

  it('ett rent datum räcker inte – klockslaget behövs för eskaleringen', () => {
    expect(() => bekraftelseKronofogden({ mottagen: '2026-09-08' }, standard)).toThrow(FristError);
    expect(() => bekraftelseKronofogden({ mottagen: '2026-09-08' }, standard)).toThrow(/klockslag/);
  });

  it('en annan kommuns rutin: 12:30 och 30 minuter', () => {
    expect(bekraftelseKronofogden({ mottagen: '2026-09-08T12:29:00+02:00' }, ovanliga).eskalering.senast).toBe('2026-09-08T12:30:00+02:00');
    expect(bekraftelseKronofogden({ mottagen: '2026-09-08T12:45:00+02:00' }, ovanliga).eskalering.senast).toBe('2026-09-08T13:15:00+02:00');
  });
});

describe('bekräftelse till Kronofogden vid sommartidens början och slut', () => {
  it('våren: mottaget söndag 2026-03-29 01:30 (+01:00) → eskalering 14:00 +02:00, timern 2026-03-30T00:00:00+02:00', () => {
    const { bekraftelse, eskalering } = bekraftelseKronofogden({ mottagen: '2026-03-29T01:30:00+01:00' }, standard);
    expect(bekraftelse.senast).toBe('2026-03-30T00:00:00+02:00');
    expect(bekraftelse.forfaller).toBe('2026-03-29T23:59:59+02:00');
    expect(eskalering.senast).toBe('2026-03-29T14:00:00+02:00');
  });

  it('våren: "en timme efter" är en verklig timme – 01:30 +01:00 blir 03:30 +02:00', () => {
    // Given: en rutin där eskaleringsklockslaget är 01:00, så att 01:30 räknas som sent
    const inst = medAndrat({
      bekraftelseKronofogden: {
        ...standard.bekraftelseKronofogden,
        eskaleringKlockslag: { varde: '01:00', kalla: 'Testfixtur' },
      },
    });
    // When
    const { eskalering } = bekraftelseKronofogden({ mottagen: '2026-03-29T01:30:00+01:00' }, inst);
    // Then: klockan hoppar 02:00 → 03:00; en timme senare är 03:30 sommartid
    expect(eskalering.senast).toBe('2026-03-29T03:30:00+02:00');
  });

  it('hösten: mottaget söndag 2026-10-25 14:30 (+01:00) → eskalering 15:30, timern 2026-10-26T00:00:00+01:00', () => {
    const { bekraftelse, eskalering } = bekraftelseKronofogden({ mottagen: '2026-10-25T14:30:00+01:00' }, standard);
    expect(bekraftelse.senast).toBe('2026-10-26T00:00:00+01:00');
    expect(bekraftelse.forfaller).toBe('2026-10-25T23:59:59+01:00');
    expect(eskalering.senast).toBe('2026-10-25T15:30:00+01:00');
  });

  it('hösten: den andra 02:30 (+01:00) är samma svenska dag som den första (+02:00)', () => {
    const forsta = bekraftelseKronofogden({ mottagen: '2026-10-25T02:30:00+02:00' }, standard);
    const andra = bekraftelseKronofogden({ mottagen: '2026-10-25T02:30:00+01:00' }, standard);
    expect(forsta.bekraftelse.sistaDag).toBe('2026-10-25');
    expect(andra.bekraftelse.sistaDag).toBe('2026-10-25');
    expect(andra.eskalering.senast).toBe('2026-10-25T14:00:00+01:00');
  });
});
