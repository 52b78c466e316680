import { describe, expect, it } from 'vitest';
import { FristError, LAGRUM, forhandsbedomningBarn, forhandsbedomningVuxen } from '../../../frister/index.ts';
import { ovanliga, standard } from './stod.ts';

describe('förhandsbedömning, vuxen (handbokens riktmärke, inställningar)', () => {
  it('påminnelse efter 2 veckor och eskalering efter 4 veckor från mottagandet', () => {
    // Given: underrättelsen mottogs tisdag 2026-09-01
    // When
    const { paminnelse, eskalering } = forhandsbedomningVuxen(
      { mottagen: '2026-09-01', dokument: 'Underrättelse från hyresvärd' },
      standard,
    );
    // Then: två veckor = tisdag 15 sep (timern 16 sep 00:00); fyra veckor = tisdag 29 sep
    expect(paminnelse).toMatchObject({
      typ: 'forhandsbedomningPaminnelse',
      art: 'vagledning',
      sistaDag: '2026-09-15',
      senast: '2026-09-16T00:00:00+02:00',
    });
    expect(eskalering).toMatchObject({ typ: 'forhandsbedomningEskalering', sistaDag: '2026-09-29', senast: '2026-09-30T00:00:00+02:00' });
    expect(eskalering.grund[0]).toMatchObject({ datum: '2026-09-01', dokument: 'Underrättelse från hyresvärd', styrande: true });
    // och varifrån tiderna kommer
    expect(paminnelse.kalla).toMatchObject({ installning: 'forhandsbedomningVuxen.paminnelse', varde: '2 veckor' });
    expect(eskalering.kalla).toMatchObject({ installning: 'forhandsbedomningVuxen.eskalering', varde: '4 veckor' });
    expect(eskalering.kalla?.text).toMatch(/Handboken/);
    expect(eskalering.lagrum).toContain('handbok-forhandsbedomning');
  });

  it('förlängning med särskilt skäl: eskaleringen flyttas, påminnelsen ligger kvar, skälet sparas', () => {
    // Given: mottagen 2026-09-01; handläggaren kan inte få kontakt och förlänger till 6 veckor
    const utan = forhandsbedomningVuxen({ mottagen: '2026-09-01' }, standard);
    // When
    const med = forhandsbedomningVuxen(
      {
        mottagen: '2026-09-01',
        forlangning: {
          skal: 'Svårt att få kontakt; inväntar återvinningsfristen',
          tid: { varde: 6, enhet: 'veckor' },
          beslutadAv: 'Enhetschef',
          beslutad: '2026-09-25',
        },
      },
      standard,
    );
    // Then
    expect(med.paminnelse).toEqual(utan.paminnelse);
    expect(med.eskalering.sistaDag).toBe('2026-10-13');
    expect(med.eskalering.senast).toBe('2026-10-14T00:00:00+02:00');
    expect(med.eskalering.forlangd).toEqual({
      skal: 'Svårt att få kontakt; inväntar återvinningsfristen',
      tid: '6 veckor',
      ursprungligSistaDag: '2026-09-29',
      ursprungligSenast: '2026-09-30T00:00:00+02:00',
      beslutadAv: 'Enhetschef',
      beslutad: '2026-09-25',
    });
    expect(med.eskalering.forklaring.join(' ')).toMatch(/särskilt skäl/);
  });

  it('förlängning utan skäl, eller som inte förlänger, avvisas', () => {
    const mottagen = '2026-09-01';
    expect(() => forhandsbedomningVuxen({ mottagen, forlangning: { skal: '  ', tid: { varde: 6, enhet: 'veckor' } } }, standard)).toThrow(
      /skäl/,
    );
    expect(() => forhandsbedomningVuxen({ mottagen, forlangning: { skal: 'x', tid: { varde: 28, enhet: 'dagar' } } }, standard)).toThrow(
      /längre/,
    );
    expect(() => forhandsbedomningVuxen({ mottagen, forlangning: { skal: 'x', tid: { varde: -1, enhet: 'veckor' } } }, standard)).toThrow(
      FristError,
    );
  });

  it('en annan kommuns rutin i dagar och månader: 31 januari + 1 månad = 28 februari', () => {
    const { paminnelse, eskalering } = forhandsbedomningVuxen({ mottagen: '2027-01-31' }, ovanliga);
    expect(paminnelse.sistaDag).toBe('2027-02-10');
    expect(eskalering.sistaDag).toBe('2027-02-28');
    expect(eskalering.kalla?.varde).toBe('1 månad');
  });

  it('sommartid börjar under perioden: 00:00 förblir 00:00, offset byts', () => {
    // Given: mottagen 2026-03-10 (vintertid)
    const { paminnelse, eskalering } = forhandsbedomningVuxen({ mottagen: '2026-03-10' }, standard);
    // Then: påminnelsen före bytet (+01:00), eskaleringen efter (+02:00)
    expect(paminnelse.senast).toBe('2026-03-25T00:00:00+01:00');
    expect(eskalering.senast).toBe('2026-04-08T00:00:00+02:00');
  });

  it('sommartid slutar under perioden', () => {
    const { paminnelse, eskalering } = forhandsbedomningVuxen({ mottagen: '2026-10-13' }, standard);
    expect(paminnelse.senast).toBe('2026-10-28T00:00:00+01:00');
    expect(eskalering.senast).toBe('2026-11-11T00:00:00+01:00');
    const fore = forhandsbedomningVuxen({ mottagen: '2026-10-01' }, standard);
    expect(fore.paminnelse.senast).toBe('2026-10-16T00:00:00+02:00');
    expect(fore.eskalering.senast).toBe('2026-10-30T00:00:00+01:00');
  });
});

describe('förhandsbedömning efter anmälan som rör barn: 14 dagar (20 kap. 2 § SoL 2025:400)', () => {
  it('beslut senast 14 dagar efter mottagandet; lagstadgad frist', () => {
    // Given: anmälan mottagen måndag 2026-09-07
    const f = forhandsbedomningBarn({ mottagen: '2026-09-07', dokument: 'Orosanmälan 2026-0456' });
    // Then
    expect(f).toMatchObject({
      typ: 'forhandsbedomningBarn',
      art: 'lag',
      sistaDag: '2026-09-21',
      senast: '2026-09-22T00:00:00+02:00',
      lagrum: ['sol-2025-400-20-2'],
    });
    expect(f.kalla).toBeUndefined();
    expect(LAGRUM['sol-2025-400-20-2'].verifierad).toBe(true);
  });

  it('räknas från när nämnden fick kännedom om barnet, med källan som grund', () => {
    // Given: underrättelsen mottogs 2026-09-07 utan barn; folkbokföringen visade barn tre veckor senare
    const f = forhandsbedomningBarn({ mottagen: '2026-09-28T10:15:00+02:00', kalla: 'folkbokforing' });
    // Then: 14 dagar från kännedomen, inte från mottagandet
    expect(f.sistaDag).toBe('2026-10-12');
    expect(f.senast).toBe('2026-10-13T00:00:00+02:00');
    expect(f.grund[0]).toMatchObject({ handelse: 'kannedomOmBarn', datum: '2026-09-28T10:15:00+02:00', styrande: true });
    expect(f.grund[0]?.beskrivning).toMatch(/folkbokföringen/);
    expect(f.forklaring[0]).toMatch(/kännedomen om barnet/);
  });

  it('flyttas inte från en lördag till nästa vardag (det tidigare datumet skyddar barnet)', () => {
    const f = forhandsbedomningBarn({ mottagen: '2026-03-21' });
    expect(f.sistaDag).toBe('2026-04-04');
    expect(f.forklaring.join(' ')).toMatch(/lördag/);
  });

  it('sommartid börjar under de 14 dagarna', () => {
    const f = forhandsbedomningBarn({ mottagen: '2026-03-20' });
    expect(f.sistaDag).toBe('2026-04-03');
    expect(f.senast).toBe('2026-04-04T00:00:00+02:00');
  });

  it('sommartid slutar under de 14 dagarna', () => {
    const f = forhandsbedomningBarn({ mottagen: '2026-10-20T16:45:00+02:00' });
    expect(f.sistaDag).toBe('2026-11-03');
    expect(f.senast).toBe('2026-11-04T00:00:00+01:00');
    expect(f.grund[0]?.datum).toBe('2026-10-20T16:45:00+02:00');
  });

  it('förlängning bara med (synnerliga) skäl, som sparas', () => {
    const f = forhandsbedomningBarn({
      mottagen: '2026-09-07',
      forlangning: { skal: 'Synnerliga skäl: vårdnadshavare utomlands', tid: { varde: 4, enhet: 'veckor' } },
    });
    expect(f.sistaDag).toBe('2026-10-05');
    expect(f.forlangd).toMatchObject({ tid: '4 veckor', ursprungligSistaDag: '2026-09-21' });
    expect(() => forhandsbedomningBarn({ mottagen: '2026-09-07', forlangning: { skal: '', tid: { varde: 4, enhet: 'veckor' } } })).toThrow(
      FristError,
    );
  });
});
