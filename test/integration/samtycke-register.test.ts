import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aterkallaSamtycke,
  daysFromToday,
  deploySamtyckeFixtures,
  kontrollera,
  minutesFromNow,
  normalised,
  nyHyresgast,
  registerDatabase,
  registreraSamtycke,
} from './support/samtycke.ts';

/**
 * The consent register on the real engine, worker and database: a caseworker
 * documents a consent in a form task, the worker registers it, and later checks
 * answer whether a contact is allowed now – and on which record it rests.
 */
let db: Knex;
beforeAll(async () => {
  await deploySamtyckeFixtures();
  db = registerDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const alltSamtycke = {
  samtyckeMottagare: ['hyresvard', 'annan-forvaltning:funktionsstod'],
  samtyckeSyfte: ['kontakt-om-boendet', 'information-om-planerade-insatser', 'ansokan-om-insatser'],
  samtyckeForm: 'skriftligt',
};

describe('samtycke-registrera and samtycke-kontroll', () => {
  it('registers what the form captured, with the user who completed it as documenter, and a check rests on it', async () => {
    // given: vera documents an oral consent to contact the landlord about the housing; the form claims someone else documented it
    const hyresgast = nyHyresgast();
    const samtyckeId = await registreraSamtycke(hyresgast, {
      samtyckeMottagare: 'hyresvard',
      samtyckeSyfte: ['kontakt-om-boendet'],
      samtyckeForm: 'muntligt',
      samtyckeLamnatDatum: minutesFromNow(-60),
      samtyckeAnteckning: 'Får berätta att hen har kontakt med socialtjänsten',
      samtyckeDokumenteratAv: 'bosse',
    });

    // then: the record holds the form's values, and vera – who completed the task – as documenter
    const rad = await db('samtycken').where({ id: samtyckeId }).first();
    expect(rad).toMatchObject({
      personnummer: normalised(hyresgast.personnummer),
      mottagare: ['hyresvard'],
      syften: ['kontakt-om-boendet'],
      form: 'muntligt',
      giltigt_till: null,
      dokumenterat_av: 'vera',
    });
    expect(rad.arendenummer).toMatch(/^SAMTYCKE-/);

    // when: the process checks before three contacts
    const utfall = await kontrollera(hyresgast);

    // then: the landlord may be contacted about the housing, resting on that record…
    expect(utfall.hyresvard).toMatchObject({ finns: true, id: samtyckeId });
    expect(utfall.uppgift).toBe('KontaktaHyresvarden');
    expect(utfall.hyresvard.underlag).toMatchObject({
      samtyckeFinns: true,
      mottagare: 'hyresvard',
      syfte: 'kontakt-om-boendet',
      samtycke: { id: samtyckeId, form: 'muntligt', dokumenteratAv: 'vera', giltigtTill: null },
    });
    expect(JSON.stringify(utfall.hyresvard.underlag)).not.toContain(normalised(hyresgast.personnummer).slice(2));
    // …but not told about planned support (another purpose), and no other administration contacted (another recipient)
    expect(utfall.hyresvardInsatser).toEqual({ finns: false, id: null });
    expect(utfall.funktionsstod).toEqual({ finns: false, id: null });
  });

  it('answers false, as an outcome and not an error, for a person who never consented', async () => {
    const utfall = await kontrollera(nyHyresgast());
    expect(utfall.uppgift).toBe('FragaOmSamtycke');
    expect(utfall.hyresvard).toMatchObject({ finns: false, id: null, underlag: { samtyckeFinns: false, orsak: 'saknas', samtycke: null } });
  });

  it('a partial revocation ends only the revoked part; a full one ends the rest; the consent itself is never changed', async () => {
    // given: consent to two recipients for three purposes
    const hyresgast = nyHyresgast();
    const samtyckeId = await registreraSamtycke(hyresgast, { ...alltSamtycke, samtyckeLamnatDatum: minutesFromNow(-120) });
    const fore = await db('samtycken').where({ id: samtyckeId }).first();
    expect(await kontrollera(hyresgast)).toMatchObject({
      hyresvard: { finns: true, id: samtyckeId },
      hyresvardInsatser: { finns: true, id: samtyckeId },
      funktionsstod: { finns: true, id: samtyckeId },
    });

    // when: the tenant no longer wants the landlord told about planned support
    const delvis = await aterkallaSamtycke(hyresgast, {
      aterkallelseOmfattning: 'delvis',
      aterkallelseMottagare: ['hyresvard'],
      aterkallelseSyfte: ['information-om-planerade-insatser'],
      aterkallelseTidpunkt: minutesFromNow(-60),
      aterkallelseSkal: 'Vill själv berätta för hyresvärden',
    });

    // then: that part is gone, the rest still holds on the same record
    expect(delvis.aterkalladeSamtycken).toEqual([samtyckeId]);
    const efterDelvis = await kontrollera(hyresgast);
    expect(efterDelvis.hyresvard).toMatchObject({ finns: true, id: samtyckeId });
    expect(efterDelvis.hyresvardInsatser).toEqual({ finns: false, id: null });
    expect(efterDelvis.funktionsstod).toEqual({ finns: true, id: samtyckeId });

    // when: the tenant then revokes everything
    const hela = await aterkallaSamtycke(hyresgast, { aterkallelseOmfattning: 'hela', aterkallelseTidpunkt: minutesFromNow(-1) });

    // then: nothing holds, and the check says why
    expect(hela.aterkalladeSamtycken).toEqual([samtyckeId]);
    const efterHela = await kontrollera(hyresgast);
    expect(efterHela.uppgift).toBe('FragaOmSamtycke');
    expect(efterHela.hyresvard).toMatchObject({ finns: false, id: null, underlag: { orsak: 'aterkallat' } });
    expect(efterHela.funktionsstod).toEqual({ finns: false, id: null });

    // and both revocations are recorded, by vera, while the consent row is exactly as it was
    const aterkallelser = await db('samtycke_aterkallelser')
      .where({ personnummer: normalised(hyresgast.personnummer) })
      .orderBy('aterkallat');
    expect(aterkallelser).toMatchObject([
      {
        id: delvis.aterkallelseId,
        samtycke_id: null,
        mottagare: ['hyresvard'],
        syften: ['information-om-planerade-insatser'],
        dokumenterat_av: 'vera',
        skal: 'Vill själv berätta för hyresvärden',
      },
      { id: hela.aterkallelseId, samtycke_id: null, mottagare: null, syften: null, dokumenterat_av: 'vera', skal: null },
    ]);
    expect(await db('samtycken').where({ id: samtyckeId }).first()).toEqual(fore);
  });

  it('a consent given again after a revocation holds, and the check rests on the new record', async () => {
    // given: consent, revoked, then given again
    const hyresgast = nyHyresgast();
    const forsta = await registreraSamtycke(hyresgast, { ...alltSamtycke, samtyckeLamnatDatum: minutesFromNow(-180) });
    await aterkallaSamtycke(hyresgast, {
      aterkallelseOmfattning: 'hela',
      aterkallelseSamtyckeId: forsta,
      aterkallelseTidpunkt: minutesFromNow(-120),
    });
    const andra = await registreraSamtycke(hyresgast, {
      samtyckeMottagare: ['hyresvard'],
      samtyckeSyfte: ['kontakt-om-boendet'],
      samtyckeForm: 'skriftligt',
      samtyckeLamnatDatum: minutesFromNow(-60),
    });

    // then
    const utfall = await kontrollera(hyresgast);
    expect(utfall.hyresvard).toMatchObject({ finns: true, id: andra });
    expect(utfall.funktionsstod).toEqual({ finns: false, id: null });
  });

  it('an expired consent no longer holds; one valid through tomorrow does', async () => {
    // given: a consent valid through yesterday, and another person's valid through tomorrow
    const utgangen = nyHyresgast();
    await registreraSamtycke(utgangen, {
      ...alltSamtycke,
      samtyckeLamnatDatum: daysFromToday(-30),
      samtyckeGiltigtTill: daysFromToday(-1),
    });
    const giltig = nyHyresgast();
    const giltigtId = await registreraSamtycke(giltig, {
      ...alltSamtycke,
      samtyckeLamnatDatum: daysFromToday(-30),
      samtyckeGiltigtTill: daysFromToday(1),
    });

    // then
    expect((await kontrollera(utgangen)).hyresvard).toMatchObject({ finns: false, underlag: { orsak: 'utgatt' } });
    const utfall = await kontrollera(giltig);
    expect(utfall.hyresvard).toMatchObject({ finns: true, id: giltigtId });
    // valid through tomorrow = until the day after tomorrow begins, Swedish time
    expect((utfall.hyresvard.underlag.samtycke as { giltigtTill: string }).giltigtTill).toMatch(
      new RegExp(`^${daysFromToday(2)}T00:00:00\\+0[12]:00$`),
    );
  });
});

describe('the register is append-only, enforced by the database', () => {
  it('refuses to update, delete or empty consents and revocations', async () => {
    // given: a consent and a revocation
    const hyresgast = nyHyresgast();
    const samtyckeId = await registreraSamtycke(hyresgast, { ...alltSamtycke, samtyckeLamnatDatum: minutesFromNow(-10) });
    const { aterkallelseId } = await aterkallaSamtycke(hyresgast, {
      aterkallelseOmfattning: 'hela',
      aterkallelseTidpunkt: minutesFromNow(-1),
    });

    // then: every way of rewriting them is refused, naming what to do instead
    const refused = /Samtyckesregistret ändras aldrig: (UPDATE|DELETE|TRUNCATE) i samtyck.* Registrera en återkallelse i stället/;
    await expect(db('samtycken').where({ id: samtyckeId }).update({ dokumenterat_av: 'nagon-annan' })).rejects.toThrow(refused);
    await expect(db('samtycken').where({ id: samtyckeId }).delete()).rejects.toThrow(refused);
    await expect(db('samtycke_aterkallelser').where({ id: aterkallelseId }).update({ skal: 'ändrat' })).rejects.toThrow(refused);
    await expect(db('samtycke_aterkallelser').where({ id: aterkallelseId }).delete()).rejects.toThrow(refused);
    await expect(db.raw('TRUNCATE samtycke_aterkallelser')).rejects.toThrow(refused);
    await expect(db.raw('TRUNCATE samtycken CASCADE')).rejects.toThrow(refused);

    // and both rows are still there, unchanged
    expect(await db('samtycken').where({ id: samtyckeId }).first()).toMatchObject({ dokumenterat_av: 'vera' });
    expect(await db('samtycke_aterkallelser').where({ id: aterkallelseId }).first()).toMatchObject({ skal: null });
  });
});
