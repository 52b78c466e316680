import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { urvalSchema } from '../../../ui/revision/efterlevnad/index.ts';
import { beraknaMatt, GRUNDER_UTAN_SAMTYCKE, harGrund } from '../../../ui/revision/efterlevnad/matt.ts';
import type { Arendefakta, Matt, MattId } from '../../../ui/revision/efterlevnad/types.ts';

/** A case with nothing recorded yet; each test adds what its scenario recorded. */
function arende(nr: string, over: Partial<Arendefakta> = {}): Arendefakta {
  return {
    arendenummer: nr,
    processKey: 'hot-om-avhysning',
    mottagen: '2026-03-02T09:00:00+01:00',
    avslutat: false,
    bekraftelseTillKronofogden: null,
    orsak: 'obetald-hyra',
    atervinningsfrist: false,
    atervinningsbeslut: null,
    atervinningsfristenLoptUt: false,
    atagandebrev: [],
    brev: [],
    forhandsbedomningSlut: null,
    forhandsbedomningGrans: '2026-03-31T00:00:00+02:00',
    sarskildaSkal: null,
    barnBerors: false,
    barnOchUngaInvolverade: false,
    barnutredning: null,
    avhysningGenomford: false,
    narvaroBarnOchUnga: null,
    kontakter: [],
    forstaPersonligaKontakt: null,
    ...over,
  };
}

const NU = new Date('2026-04-15T10:00:00+02:00');
const matt = (fakta: Arendefakta[], id: MattId, nu = NU): Matt => beraknaMatt(fakta, nu).find((m) => m.id === id)!;
const rad = (m: Matt, id: string) => m.rader.find((r) => r.id === id)!;
const tal = (m: Matt, id: string) => m.nyckeltal.find((n) => n.id === id)!.varde;
const antal = (m: Matt) => Object.fromEntries(m.rader.map((r) => [r.id, r.antal]));

describe('Kronofogden: confirmed the same Swedish day', () => {
  const kf = (nr: string, over: Partial<Arendefakta>) => arende(nr, { processKey: 'kronofogden-avhysning', ...over });

  const brev = (skapad: string, skickad: string | null = skapad) => ({ skapad, skickad });

  it("sorts by the Swedish date the letter was sent against the reception's, also across the spring change, and flags every late or missing one", () => {
    const m = matt(
      [
        kf('K1', { mottagen: '2026-03-29T00:30:00+01:00', bekraftelseTillKronofogden: brev('2026-03-29T21:59:00Z') }), // 23:59 CEST the same day
        kf('K2', { mottagen: '2026-03-27T16:55:00+01:00', bekraftelseTillKronofogden: brev('2026-03-27T23:05:00Z') }), // 00:05 the next day
        kf('K3', { mottagen: '2026-04-14T09:00:00+02:00' }), // never
        kf('K4', { mottagen: '2026-04-15T08:00:00+02:00' }), // today, not yet
        // written the same day, sent the next: not the same day
        kf('K5', {
          mottagen: '2026-04-01T09:00:00+02:00',
          bekraftelseTillKronofogden: brev('2026-04-01T10:00:00+02:00', '2026-04-02T08:00:00+02:00'),
        }),
        // written the same day, never marked sent: its own deviation once the day has passed
        kf('K6', { mottagen: '2026-04-01T09:00:00+02:00', bekraftelseTillKronofogden: brev('2026-04-01T10:00:00+02:00', null) }),
        // written today, not yet sent: the day is still running
        kf('K7', { mottagen: '2026-04-15T08:00:00+02:00', bekraftelseTillKronofogden: brev('2026-04-15T09:00:00+02:00', null) }),
        arende('H1'), // another process: not in the population
      ],
      'bekraftelse-kronofogden',
    );
    expect(antal(m)).toEqual({ 'samma-dag': 1, senare: 2, 'ej-skickad': 1, 'ej-bekraftad': 1, pagar: 2 });
    expect(rad(m, 'senare').arenden).toEqual(['K2', 'K5']);
    expect(rad(m, 'ej-skickad')).toMatchObject({ arenden: ['K6'], avvikelse: true });
    expect(rad(m, 'ej-bekraftad').arenden).toEqual(['K3']);
    expect(rad(m, 'senare').avvikelse).toBe(true);
    expect(rad(m, 'pagar').avvikelse).toBe(false);
    // share of the cases whose day has passed
    expect(tal(m, 'andel-samma-dag')).toBe(20);
    expect(m.nyckeltal[0]!.avvikelse).toBe(true);
  });

  it('is not a deviation when every confirmation was made the same day', () => {
    const m = matt(
      [kf('K1', { mottagen: '2026-04-01T16:55:00+02:00', bekraftelseTillKronofogden: brev('2026-04-01T17:10:00+02:00') })],
      'bekraftelse-kronofogden',
    );
    expect(tal(m, 'andel-samma-dag')).toBe(100);
    expect(m.rader.some((r) => r.avvikelse) || m.nyckeltal.some((n) => n.avvikelse)).toBe(false);
  });
});

describe('återvinningsfrist by outcome', () => {
  it('classifies by decision, letters and the timer; counts the åtagande when it was sent, and flags one sent after the deadline or never marked sent', () => {
    const a = (nr: string, over: Partial<Arendefakta>) => arende(nr, { atervinningsfrist: true, ...over });
    const FRIST = '2026-03-24T00:00:00+01:00'; // the period's last day is 2026-03-23
    const brev = (skapad: string, skickad: string | null, fristSenast: string | null = FRIST) => ({
      skapad,
      skickad,
      fristSenast,
      efterFrist: fristSenast !== null && Date.parse(skapad) >= Date.parse(fristSenast),
    });
    const m = matt(
      [
        a('A1', { atervinningsbeslut: 'hyran-betald' }),
        a('A2', { atervinningsbeslut: 'ataga-betalningsansvar', atagandebrev: [brev('2026-03-10T10:00:00Z', '2026-03-11T08:00:00Z')] }),
        // written after the deadline, and sent after it
        a('A3', { atervinningsbeslut: 'ataga-betalningsansvar', atagandebrev: [brev('2026-03-30T10:00:00Z', '2026-03-30T11:00:00Z')] }),
        a('A4', { atervinningsfristenLoptUt: true }),
        a('A5', { atervinningsbeslut: 'inget-atagande' }),
        a('A6', { atervinningsbeslut: 'ataga-betalningsansvar' }), // letter not written yet
        arende('A7', { orsak: 'storningar' }), // no återvinningsfrist for another ground
        arende('A11', { orsak: 'storningar', atervinningsfrist: true }), // an old case's period on another ground is not counted
        // written in time, sent at 00:00 the day after the last day: late
        a('A8', { atervinningsbeslut: 'ataga-betalningsansvar', atagandebrev: [brev('2026-03-20T10:00:00Z', FRIST)] }),
        // written in time, sent at 23:59 on the last day: in time
        a('A9', {
          atervinningsbeslut: 'ataga-betalningsansvar',
          atagandebrev: [brev('2026-03-20T10:00:00Z', '2026-03-23T23:59:00+01:00')],
        }),
        // written in time, never marked sent
        a('A10', { atervinningsbeslut: 'ataga-betalningsansvar', atagandebrev: [brev('2026-03-20T10:00:00Z', null)] }),
      ],
      'atervinningsfrist',
    );
    expect(m.population).toBe(9);
    expect(antal(m)).toEqual({
      'hyran-betald': 1,
      'atagande-i-tid': 2,
      'atagande-efter-frist': 2,
      'atagande-ej-skickat': 1,
      'inget-atagande': 1,
      'fristen-lopte-ut': 1,
      pagar: 1,
      'frist-saknas': 0,
    });
    expect(rad(m, 'atagande-i-tid').arenden).toEqual(['A2', 'A9']);
    expect(rad(m, 'atagande-efter-frist')).toMatchObject({ arenden: ['A3', 'A8'], avvikelse: true });
    expect(rad(m, 'atagande-ej-skickat')).toMatchObject({ arenden: ['A10'], avvikelse: true });
    expect(rad(m, 'fristen-lopte-ut').arenden).toEqual(['A4']);
    expect(rad(m, 'frist-saknas')).toMatchObject({ antal: 0, avvikelse: false });
  });

  it('flags unpaid-rent cases whose period was never established, with their numbers', () => {
    const m = matt([arende('B1'), arende('B2', { atervinningsfrist: true }), arende('B3', { avslutat: true })], 'atervinningsfrist');
    expect(m.population).toBe(3);
    expect(rad(m, 'frist-saknas')).toMatchObject({ arenden: ['B1', 'B3'], avvikelse: true, skaVaraNoll: true });
  });
});

describe('letters written but not sent', () => {
  it("counts every letter of the period's cases and lists the cases whose letters are not marked sent", () => {
    const m = matt(
      [
        arende('B1', { brev: [{ typ: 'informationsbrev', skapad: '2026-03-02T10:00:00Z', skickad: '2026-03-02T14:00:00Z' }] }),
        arende('B2', {
          brev: [
            { typ: 'informationsbrev', skapad: '2026-03-02T10:00:00Z', skickad: '2026-03-03T09:00:00Z' },
            { typ: 'atagande-betalningsansvar', skapad: '2026-03-05T10:00:00Z', skickad: null },
          ],
        }),
        arende('B3', {
          processKey: 'kronofogden-avhysning',
          brev: [{ typ: 'bekraftelse-kronofogden', skapad: '2026-03-05T10:00:00Z', skickad: null }],
        }),
        arende('B4'), // no letters
      ],
      'brev-ej-skickade',
    );
    expect(m.enhet).toBe('brev');
    expect(m.population).toBe(4);
    expect(antal(m)).toEqual({ skickade: 2, 'ej-skickade': 2 });
    expect(rad(m, 'ej-skickade')).toMatchObject({ arenden: ['B2', 'B3'], avvikelse: true });
    expect(rad(m, 'skickade').arenden).toEqual(['B1', 'B2']);
    expect(tal(m, 'ej-skickade')).toBe(2);
  });

  it('is no deviation when every letter is marked sent', () => {
    const m = matt(
      [arende('B1', { brev: [{ typ: 'hembesok', skapad: '2026-03-02T10:00:00Z', skickad: '2026-03-02T10:00:00Z' }] })],
      'brev-ej-skickade',
    );
    expect(m.rader.some((r) => r.avvikelse) || m.nyckeltal.some((n) => n.avvikelse)).toBe(false);
  });
});

describe('förhandsbedömning durations', () => {
  it('measures calendar days from reception to the decision, median and nearest-rank p90 of the ended ones, over four weeks with and without special reasons', () => {
    const m = matt(
      [
        arende('F1', { forhandsbedomningSlut: '2026-03-12T15:00:00+01:00' }), // 10 days
        arende('F2', { forhandsbedomningSlut: '2026-03-30T08:00:00+02:00' }), // 28 days: the last day within
        arende('F3', { forhandsbedomningSlut: '2026-03-31T08:00:00+02:00', sarskildaSkal: 'Svårt att nå hyresgästen' }), // 29
        arende('F4', { forhandsbedomningSlut: '2026-04-06T08:00:00+02:00', sarskildaSkal: '  ' }), // 35, blank is no reason
        arende('F5'), // open past four weeks
        arende('F6', { mottagen: '2026-04-10T09:00:00+02:00', forhandsbedomningGrans: '2026-05-09T00:00:00+02:00' }), // open, within
        arende('F7', { avslutat: true }), // ended without decision
      ],
      'forhandsbedomning',
    );
    expect(antal(m)).toEqual({
      'inom-4-veckor': 2,
      'over-4-veckor-med-skal': 1,
      'over-4-veckor-utan-skal': 2,
      pagar: 1,
      'avslutat-utan-beslut': 1,
    });
    expect(rad(m, 'over-4-veckor-utan-skal')).toMatchObject({ arenden: ['F4', 'F5'], avvikelse: true });
    expect(m.dagar).toEqual({ F1: 10, F2: 28, F3: 29, F4: 35 });
    expect(tal(m, 'median')).toBe(28.5);
    expect(tal(m, 'p90')).toBe(35);
    expect(tal(m, 'avslutade')).toBe(4);
  });

  it('falls back to four weeks from the reception date when the case has no limit of its own', () => {
    const utan = (slut: string) =>
      arende('F', { mottagen: '2026-03-02T23:30:00+01:00', forhandsbedomningGrans: null, forhandsbedomningSlut: slut });
    expect(rad(matt([utan('2026-03-30T23:59:00+02:00')], 'forhandsbedomning'), 'inom-4-veckor').antal).toBe(1);
    expect(rad(matt([utan('2026-03-31T00:00:00+02:00')], 'forhandsbedomning'), 'over-4-veckor-utan-skal').antal).toBe(1);
  });
});

describe('children', () => {
  it('barn och unga involved: every case where children are affected; any case without is a deviation', () => {
    const m = matt(
      [arende('B1', { barnBerors: true, barnOchUngaInvolverade: true }), arende('B2', { barnBerors: true }), arende('B3')],
      'barn-och-unga-involverade',
    );
    expect(antal(m)).toEqual({ involverade: 1, 'ej-involverade': 1 });
    expect(tal(m, 'andel-involverade')).toBe(50);
    expect(rad(m, 'ej-involverade')).toMatchObject({ arenden: ['B2'], avvikelse: true });
  });

  it('attendance at evictions of families: attended, a reason agreed with Kronofogden, or nothing recorded', () => {
    const kf = (nr: string, over: Partial<Arendefakta>) =>
      arende(nr, { processKey: 'kronofogden-avhysning', barnBerors: true, avhysningGenomford: true, ...over });
    const m = matt(
      [
        kf('N1', { narvaroBarnOchUnga: { narvarade: true, skal: null, avstamtMedKronofogden: false } }),
        kf('N2', { narvaroBarnOchUnga: { narvarade: false, skal: 'Sjukdom', avstamtMedKronofogden: true } }),
        kf('N3', { narvaroBarnOchUnga: { narvarade: false, skal: 'Sjukdom', avstamtMedKronofogden: false } }),
        kf('N4', {}),
        kf('N5', { avhysningGenomford: false }), // keys handed in: no eviction
        kf('N6', { barnBerors: false }),
      ],
      'narvaro-barnfamiljer',
    );
    expect(antal(m)).toEqual({ narvarade: 1, 'ej-narvaro-med-skal': 1, 'ingen-registrering': 2 });
    expect(rad(m, 'ingen-registrering')).toMatchObject({ arenden: ['N3', 'N4'], avvikelse: true });
  });

  it('child reports decided within 14 days: before the deadline moment, after it, or still open', () => {
    const grans = '2026-03-17T00:00:00+01:00';
    const m = matt(
      [
        arende('C1', { barnutredning: { grans, beslutad: '2026-03-16T23:59:00+01:00' } }),
        arende('C2', { barnutredning: { grans, beslutad: '2026-03-17T00:00:00+01:00' } }),
        arende('C3', { barnutredning: { grans, beslutad: null } }),
        arende('C4', { barnutredning: { grans: '2026-04-20T00:00:00+02:00', beslutad: null } }),
      ],
      'barnutredning-14-dagar',
    );
    expect(antal(m)).toEqual({ 'i-tid': 1, 'for-sent': 1, 'ej-beslutad-fristen-passerad': 1, pagar: 1 });
    expect(rad(m, 'for-sent').avvikelse).toBe(true);
  });
});

describe('contacts and disclosures without a recorded basis', () => {
  const samtycke = { sammaPerson: true, mottagare: ['hyresvard'], lamnat: '2026-03-03T00:00:00Z' };
  const tid = '2026-03-04T10:00:00+01:00';

  it('accepts the no-consent grounds and registered consent of the same tenant for this recipient, given no later than the contact', () => {
    expect(harGrund({ slag: 'kontakt-hyresvard', tid, grund: 'hyresvarden-underrattade' })).toBe(true);
    expect(harGrund({ slag: 'kontakt-hyresvard', tid, grund: 'samtycke:8c9a3c1e-0000-4000-8000-000000000001', samtycke })).toBe(true);
    expect(
      harGrund({
        slag: 'kontakt-annan-forvaltning',
        tid,
        grund: 'samtycke:x',
        samtycke: { ...samtycke, mottagare: ['annan-forvaltning:funktionsstod'] },
      }),
    ).toBe(true);
  });

  it('refuses a missing ground, "samtycke-kravs", an unknown consent, another person\'s, another recipient\'s, a later one, and no-consent grounds for disclosures', () => {
    expect(harGrund({ slag: 'kontakt-hyresvard', tid, grund: null })).toBe(false);
    expect(harGrund({ slag: 'kontakt-hyresvard', tid, grund: '' })).toBe(false);
    expect(harGrund({ slag: 'kontakt-hyresvard', tid, grund: 'samtycke-kravs' })).toBe(false);
    expect(harGrund({ slag: 'kontakt-hyresvard', tid, grund: 'samtycke:null' })).toBe(false);
    expect(harGrund({ slag: 'kontakt-hyresvard', tid, grund: 'samtycke:abc', samtycke: null })).toBe(false);
    expect(harGrund({ slag: 'kontakt-hyresvard', tid, grund: 'samtycke:abc', samtycke: { ...samtycke, sammaPerson: false } })).toBe(false);
    expect(harGrund({ slag: 'kontakt-annan-forvaltning', tid, grund: 'samtycke:abc', samtycke })).toBe(false);
    expect(
      harGrund({ slag: 'kontakt-hyresvard', tid, grund: 'samtycke:abc', samtycke: { ...samtycke, lamnat: '2026-03-05T08:00:00+01:00' } }),
    ).toBe(false);
    expect(harGrund({ slag: 'information-hyresvard', tid, grund: 'hyresvarden-underrattade' })).toBe(false);
  });

  it('counts contacts, not cases, per kind; any without a ground is a deviation', () => {
    const m = matt(
      [
        arende('K1', {
          kontakter: [
            { slag: 'kontakt-hyresvard', tid, grund: 'storningsjouren-underrattade' },
            { slag: 'information-hyresvard', tid, grund: 'samtycke:abc', samtycke },
          ],
        }),
        arende('K2', { kontakter: [{ slag: 'kontakt-hyresvard', tid, grund: null }] }),
      ],
      'kontakter-utan-grund',
    );
    expect(m.population).toBe(3);
    expect(rad(m, 'kontakt-hyresvard-med-grund').arenden).toEqual(['K1']);
    expect(rad(m, 'information-hyresvard-med-grund').arenden).toEqual(['K1']);
    expect(rad(m, 'kontakt-hyresvard-utan-grund')).toMatchObject({ arenden: ['K2'], avvikelse: true });
    expect(tal(m, 'utan-grund')).toBe(1);
  });

  it('knows exactly the grounds that kontakt-med-hyresvard.dmn gives without consent', () => {
    const dmn = fs.readFileSync(path.join(import.meta.dirname, '../../../bpmn/kontakt-med-hyresvard.dmn'), 'utf8');
    const utanSamtycke = [...dmn.matchAll(/<rule id="[^"]+">([\s\S]*?)<\/rule>/g)]
      .map(([, regel]) => [...regel!.matchAll(/<outputEntry[^>]*><text>([^<]*)<\/text>/g)].map((m) => m[1]!))
      .filter(([kravs]) => kravs === 'false')
      .map(([, grund]) => JSON.parse(grund!));
    expect(utanSamtycke.sort()).toEqual([...GRUNDER_UTAN_SAMTYCKE].sort());
  });
});

describe('first personal contact', () => {
  it('days from reception to the first recorded contact; ended without contact; not yet', () => {
    const m = matt(
      [
        arende('P1', { forstaPersonligaKontakt: '2026-03-02T16:00:00+01:00' }), // 0
        arende('P2', { forstaPersonligaKontakt: '2026-03-05T09:00:00+01:00' }), // 3
        arende('P3', { forstaPersonligaKontakt: '2026-03-12T09:00:00+01:00' }), // 10
        arende('P4', { forhandsbedomningSlut: '2026-03-20T09:00:00+01:00' }),
        arende('P5'),
      ],
      'forsta-kontakt',
    );
    expect(antal(m)).toEqual({ kontakt: 3, 'ingen-kontakt': 1, 'ingen-kontakt-an': 1 });
    expect(m.dagar).toEqual({ P1: 0, P2: 3, P3: 10 });
    expect(tal(m, 'median')).toBe(3);
    expect(tal(m, 'p90')).toBe(10);
  });
});

describe('the selection', () => {
  it('only the measures of the chosen process', () => {
    const idn = beraknaMatt([], NU, 'hot-om-avhysning').map((m) => m.id);
    expect(idn).not.toContain('bekraftelse-kronofogden');
    expect(idn).not.toContain('narvaro-barnfamiljer');
    expect(idn).toContain('atervinningsfrist');
    expect(beraknaMatt([], NU, 'kronofogden-avhysning').map((m) => m.id)).not.toContain('atervinningsfrist');
  });

  it('names the field that is wrong', () => {
    const fel = (q: Record<string, unknown>) => {
      const r = urvalSchema.safeParse(q);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(fel({ fran: '2026-01-01', till: '2026-01-31' })).toEqual([]);
    expect(fel({ till: '2026-01-31' })).toEqual(['fran']);
    expect(fel({ fran: '2026-02-30', till: '2026-03-01' })).toEqual(['fran']);
    expect(fel({ fran: '2026-01-01', till: '1/2/2026' })).toEqual(['till']);
    expect(fel({ fran: '2026-02-01', till: '2026-01-31' })).toEqual(['till']);
    expect(fel({ fran: '2026-01-01', till: '2026-01-31', process: 'okand' })).toEqual(['process']);
  });
});
