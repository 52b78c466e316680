import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citera } from '../../frister/index.ts';
import { sha256 } from '../../workers/brev/arkiv.ts';
import { lasPdf } from '../unit/brev/stod.ts';
import {
  adress,
  arendeVariabler,
  avslutad,
  brevDatabas,
  brevFor,
  deployBrevFixture,
  fristunderlag,
  historiskVariabel,
  startaBrev,
} from './support/brev.ts';

/** The brev worker in the real stack: each letter type through the engine into the archive. */
let db: Knex;
beforeAll(async () => {
  await deployBrevFixture();
  db = brevDatabas();
});
afterAll(async () => {
  await db.destroy();
});

describe('one letter per task, linked to its case', () => {
  it.each([
    ['informationsbrev', 'hyresgast', 'post', 'atervinningsfrist', 'jb-12-44-1'],
    ['hembesok', 'hyresgast', 'post', null, 'rf-2-6'],
    ['atagande-betalningsansvar', 'hyresvard', 'rekommenderat', 'atervinningsfrist', 'jb-12-44-4-1'],
    ['erbjudande-uppfoljning', 'hyresgast', 'post', 'uppfoljning', 'handbok-uppfoljning'],
  ] as const)('%s → %s by %s', async (brevtyp, mottagare, kanal, fristtyp, lagrumId) => {
    // given
    const instance = await startaBrev(brevtyp);

    // when
    await avslutad(instance.id);

    // then: the process has the letter's id, and the archive the letter
    const brevId = await historiskVariabel<string>(instance.id, 'brevId');
    const [rad, ...fler] = await brevFor(db, instance.id);
    expect(fler).toHaveLength(0);
    expect(rad).toMatchObject({
      id: brevId,
      arendenummer: instance.businessKey,
      process_instance_id: instance.id,
      typ: brevtyp,
      mottagare,
      kanal,
      mallversion: `${brevtyp}/1`,
      fristtyp,
      efter_frist: false,
    });
    expect(await historiskVariabel<boolean>(instance.id, 'brevEfterFrist')).toBe(false);
    // the checksum is the stored bytes'
    expect(rad!.sha256).toBe(sha256(rad!.pdf));
    // the deadline it serves, as berakna-frister computed it
    if (fristtyp) {
      expect(rad!.frist).toMatchObject({ typ: fristtyp, senast: fristunderlag()[fristtyp].senast });
      expect(rad!.frist_senast!.toISOString()).toBe(new Date(fristunderlag()[fristtyp].senast).toISOString());
    } else {
      expect(rad!.frist).toBeNull();
    }
    // and the PDF reads back with the tenant's name, the case number and the law
    const { text, xmp } = await lasPdf(rad!.pdf);
    expect(text).toContain('Åsa Örnbäck-Lindqvist');
    expect(text).toContain(`Ärendenummer: ${instance.businessKey}`);
    expect(text).toContain(citera(lagrumId));
    expect(xmp?.get('pdfaid:part')).toBe('2');
  });

  it('bekraftelse-kronofogden → two letters: to Kronofogden by e-mail, the copy to the tenant by post', async () => {
    // given
    const instance = await startaBrev('bekraftelse-kronofogden');

    // when
    await avslutad(instance.id);

    // then
    const [tillHyresgast, tillKronofogden, ...fler] = await brevFor(db, instance.id);
    expect(fler).toHaveLength(0);
    expect(tillKronofogden).toMatchObject({
      id: await historiskVariabel<string>(instance.id, 'brevId'),
      mottagare: 'kronofogden',
      kanal: 'epost-myndighet',
      fristtyp: 'bekraftelseKronofogden',
    });
    expect(tillHyresgast).toMatchObject({
      id: await historiskVariabel<string>(instance.id, 'brevIdKopiaHyresgast'),
      mottagare: 'hyresgast',
      kanal: 'post',
      fristtyp: 'bekraftelseKronofogden',
    });
    for (const rad of [tillKronofogden!, tillHyresgast!]) {
      expect(rad.sha256).toBe(sha256(rad.pdf));
      const { text } = await lasPdf(rad.pdf);
      expect(text).toContain('Ansvarig handläggare hos socialtjänsten är Vera Vuxenenheten');
      expect(text).toContain('Kronofogdens målnummer 12-998877-26');
    }
    expect((await lasPdf(tillHyresgast!.pdf)).text).toContain('KOPIA');
  });

  it('an åtagande after the återvinningsfrist is still written, and the archive shows it', async () => {
    // given: served four weeks ago, so the three weeks have run out
    const forsent = arendeVariabler({ fristunderlag: fristunderlag(new Date(Date.now() - 28 * 86_400_000).toISOString().slice(0, 10)) });
    const instance = await startaBrev('atagande-betalningsansvar', forsent);

    // when
    await avslutad(instance.id);

    // then
    const [rad] = await brevFor(db, instance.id);
    expect(rad).toMatchObject({ kanal: 'rekommenderat', fristtyp: 'atervinningsfrist', efter_frist: true });
    expect(await historiskVariabel<boolean>(instance.id, 'brevEfterFrist')).toBe(true);
  });

  it("protected identity: the tenant's letters go via Skatteverket and no letter shows the address", async () => {
    // given
    const instance = await startaBrev('bekraftelse-kronofogden', arendeVariabler({ skyddadIdentitet: true }));

    // when
    await avslutad(instance.id);

    // then
    const rader = await brevFor(db, instance.id);
    expect(rader.map((r) => [r.mottagare, r.kanal])).toEqual([
      ['hyresgast', 'sarskild-postformedling'],
      ['kronofogden', 'epost-myndighet'],
    ]);
    for (const rad of rader) {
      const { text } = await lasPdf(rad.pdf);
      expect(text).toContain('Åsa Örnbäck-Lindqvist');
      expect(text).not.toContain(adress.gatuadress);
      expect(text).not.toContain('413 19');
    }
  });
});
