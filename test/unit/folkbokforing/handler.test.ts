import { describe, expect, it } from 'vitest';
import { adressSchema, hyresgastSchema } from '../../../domain/arendevariabler.ts';
import { kontrolleraFolkbokforing, PERSON_SAKNAS } from '../../../workers/folkbokforing/handler.ts';
import type { TopicOutcome } from '../../../workers/topic.ts';
import { MinnesFolkbokforingsregister, navetUttag } from './minnesregister.ts';

const register = MinnesFolkbokforingsregister.franCsv(navetUttag());

async function kontrollera(
  personnummer: string,
  adress: { gatuadress: string; postnummer: string; ort: string; lagenhetsnummer?: string },
  referensdatum = '2026-11-25',
): Promise<TopicOutcome> {
  return kontrolleraFolkbokforing(register, {
    hyresgast: hyresgastSchema.parse({ personnummer, namn: 'Namn enligt underrättelsen' }),
    adress: adressSchema.parse(adress),
    referensdatum,
  });
}

const linnegatan = { gatuadress: 'Linnégatan 12 B', postnummer: '413 04', ort: 'Göteborg', lagenhetsnummer: '1102' };

describe('folkbokforing: who is registered at the tenancy', () => {
  it('a family: the tenant is registered there, with another adult, an 18-year-old and two children', async () => {
    expect(await kontrollera('19850314-9828', linnegatan)).toEqual({
      kind: 'complete',
      variables: {
        folkbokfordPaAdressen: true,
        antalVuxna: 2,
        barn: [{ alder: 12 }, { alder: 6 }],
        barnBerorda: true,
        skyddadIdentitet: false,
        skyddadIdentitetIHushallet: false,
        postkanal: 'adress',
        avregistrerad: false,
        hushallOklart: false,
        folkbokforingsadress: { gatuadress: 'LINNÉGATAN 12 B', postnummer: '41304', ort: 'GÖTEBORG', lagenhetsnummer: '1102' },
      },
    });
  });

  it('counts ages on the reference day: the day before his 18th birthday he is a child', async () => {
    const outcome = await kontrollera('198503149828', linnegatan, '2026-08-07');
    expect(outcome).toMatchObject({ variables: { antalVuxna: 1, barn: [{ alder: 17 }, { alder: 12 }, { alder: 6 }] } });
    const dagen = await kontrollera('198503149828', linnegatan, '2026-08-08');
    expect(dagen).toMatchObject({ variables: { antalVuxna: 2, barn: [{ alder: 12 }, { alder: 6 }] } });
  });

  it('leaves out the neighbour in the next flat and the deceased', async () => {
    // Karl Granne (lgh 1103) and Gösta (avregistrerad AV) are at the same street address
    const outcome = await kontrollera('198503149828', linnegatan);
    expect(outcome).toMatchObject({ variables: { antalVuxna: 2 } });
  });

  it("without a flat number in the notice, takes the tenant's own registered flat", async () => {
    const { lagenhetsnummer: _utan, ...utanLgh } = linnegatan;
    expect(await kontrollera('198503149828', utanLgh)).toMatchObject({
      variables: { folkbokfordPaAdressen: true, antalVuxna: 2, barnBerorda: true, hushallOklart: false },
    });
  });

  it('a tenant registered elsewhere: not at the address; the others registered in the flat are still counted', async () => {
    const outcome = await kontrollera('199010109891', {
      gatuadress: 'Vasagatan 3',
      postnummer: '41124',
      ort: 'Göteborg',
      lagenhetsnummer: '1201',
    });
    expect(outcome).toMatchObject({
      kind: 'complete',
      variables: {
        folkbokfordPaAdressen: false,
        antalVuxna: 1,
        barnBerorda: false,
        folkbokforingsadress: { gatuadress: 'BACKAVÄGEN 5', postnummer: '41705', ort: 'GÖTEBORG' },
      },
    });
  });

  it('a tenant registered elsewhere, no flat in the notice, several flats at the address: the household is unclear', async () => {
    const outcome = await kontrollera('199010109891', { gatuadress: 'Vasagatan 3', postnummer: '41124', ort: 'Göteborg' });
    expect(outcome).toMatchObject({
      variables: { folkbokfordPaAdressen: false, hushallOklart: true, antalVuxna: 0, barn: [], barnBerorda: false },
    });
  });

  it('a house without flat numbers: the street address is the household', async () => {
    const outcome = await kontrollera('199010109891', { gatuadress: 'Backavägen 5', postnummer: '41705', ort: 'Göteborg' });
    expect(outcome).toMatchObject({ variables: { folkbokfordPaAdressen: true, antalVuxna: 0, hushallOklart: false } });
  });

  it("reads the flat number from the register's address line when the extract has no column value", async () => {
    const outcome = await kontrollera('199501159934', {
      gatuadress: 'Ånäsvägen 20',
      postnummer: '41658',
      ort: 'Göteborg',
      lagenhetsnummer: '1004',
    });
    expect(outcome).toMatchObject({
      variables: {
        folkbokfordPaAdressen: true,
        folkbokforingsadress: { coAdress: 'c/o Holm', gatuadress: 'ÅNÄSVÄGEN 20 LGH 1004', lagenhetsnummer: '1004' },
      },
    });
  });

  it('a person the register does not have is a business outcome, not a failure', async () => {
    expect(await kontrollera('199001019976', linnegatan)).toEqual({
      kind: 'bpmnError',
      errorCode: PERSON_SAKNAS,
      message: 'Hyresgästen finns inte i folkbokföringen',
    });
  });

  it('a deregistered (emigrated) tenant is found, flagged, and registered nowhere', async () => {
    expect(await kontrollera('197505059910', linnegatan)).toMatchObject({
      kind: 'complete',
      variables: { avregistrerad: true, folkbokfordPaAdressen: false },
    });
  });
});

describe('folkbokforing: protected identity', () => {
  const opaltorget = { gatuadress: 'Opaltorget 7', postnummer: '421 68', ort: 'Västra Frölunda', lagenhetsnummer: '1001' };
  const adressdelar = ['folkbokforingsadress', 'gatuadress', 'postnummer', 'ort', 'lagenhetsnummer', 'coAdress', 'adress'];
  const registeradress = [
    'OPALTORGET',
    'Opaltorget',
    '42168',
    '421 68',
    'FRÖLUNDA',
    'Frölunda',
    'HAMMARKULLETORGET',
    '42437',
    'ANGERED',
    '1001',
    '1301',
  ];

  it('sekretessmarkering: flagged, letters through särskild postförmedling, and no address in any output variable', async () => {
    // when
    const outcome = await kontrollera('198808089885', opaltorget);

    // then
    expect(outcome).toEqual({
      kind: 'complete',
      variables: {
        folkbokfordPaAdressen: true,
        antalVuxna: 0,
        barn: [{ alder: 10 }],
        barnBerorda: true,
        skyddadIdentitet: true,
        skyddadIdentitetIHushallet: true,
        postkanal: 'sarskild-postformedling',
        avregistrerad: false,
        hushallOklart: false,
      },
    });
    const text = JSON.stringify(outcome);
    for (const namn of adressdelar) expect(text).not.toContain(`"${namn}"`);
    for (const del of registeradress) expect(text).not.toContain(del);
  });

  it("skyddad folkbokföring: flagged, the register's address is never given", async () => {
    const outcome = await kontrollera('197909099926', {
      gatuadress: 'Mandolingatan 9',
      postnummer: '42145',
      ort: 'Västra Frölunda',
      lagenhetsnummer: '1202',
    });
    expect(outcome).toMatchObject({
      kind: 'complete',
      variables: { skyddadIdentitet: true, postkanal: 'sarskild-postformedling', folkbokfordPaAdressen: false },
    });
    const text = JSON.stringify(outcome);
    for (const namn of adressdelar) expect(text).not.toContain(`"${namn}"`);
    for (const del of registeradress) expect(text).not.toContain(del);
  });

  it('a tenant without protection living with someone protected: letters by post, but the household is flagged', async () => {
    // Ebba (sekretessmarkering) is registered at Opaltorget 7; a tenant there without protection is made up here.
    const outcome = await kontrolleraFolkbokforing(
      {
        sokPerson: async () => ({
          personnummer: '199202029865' as never,
          fornamn: 'S',
          efternamn: 'K',
          sekretessmarkering: false,
          skyddadFolkbokforing: false,
        }),
        personerPaAdress: (a) => register.personerPaAdress(a),
      },
      {
        hyresgast: hyresgastSchema.parse({ personnummer: '199202029865', namn: 'S K' }),
        adress: adressSchema.parse(opaltorget),
        referensdatum: '2026-11-25',
      },
    );
    expect(outcome).toMatchObject({ variables: { skyddadIdentitet: false, skyddadIdentitetIHushallet: true, postkanal: 'adress' } });
  });

  it('an address Bokvar already keeps outside the engine: the case stays protected, whatever the register says now', async () => {
    // The intake found a marking that a later extract has lifted: the engine has no address to write a letter to.
    const outcome = await kontrolleraFolkbokforing(register, {
      hyresgast: hyresgastSchema.parse({ personnummer: '19850314-9828', namn: 'Anna' }),
      adress: adressSchema.parse(linnegatan),
      referensdatum: '2026-11-25',
      adressSkyddad: true,
    });
    expect(outcome).toMatchObject({
      kind: 'complete',
      variables: { skyddadIdentitet: true, postkanal: 'sarskild-postformedling', adressSkyddad: true, antalVuxna: 2 },
    });
    if (outcome.kind === 'complete') expect(outcome.variables).not.toHaveProperty('folkbokforingsadress');
  });
});
