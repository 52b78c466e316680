import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { stack, uniqueCaseNumber } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import {
  activitiesRun,
  candidateGroups,
  complete,
  expectNoIncidents,
  historicVariable,
  openTasks,
  startByMessage,
  waitForTask,
} from './support/scenario.ts';

/**
 * Children come first: when the notice names no flat and the register has
 * several flats at the street address (folkbokforing's `hushallOklart`), the
 * register cannot tell whether children live there. A caseworker establishes the
 * household, due from the deadline calendar, and children found that way bring
 * in barn och unga at once.
 *
 * This file's people (fixtures/scenarier-folkbokforing.csv), used nowhere else:
 *  - Jonas Juhlin, registered at Juhlinsgatan 24; the notice names Klövervägen 25 without a flat;
 *  - Klövervägen 25: Karin Kask with her son Kevin in flat 1201, Lars Lund in flat 1202.
 */
const JONAS = {
  hyresgast: { personnummer: '197609093641', namn: 'Jonas Juhlin' },
  adress: { gatuadress: 'Klövervägen 25', postnummer: '41315', ort: 'Göteborg' },
};

beforeAll(async () => {
  await importScenarioPeople(stack().databaseUrl);
});

const today = () => DateTime.now().setZone('Europe/Stockholm');

async function startCase(): Promise<string> {
  const arende = uniqueCaseNumber('BV');
  await startByMessage('underrattelse-hot-om-avhysning', arende, {
    kalla: 'hyresvard',
    orsak: 'storningar',
    mottagen: today().toISO()!,
    ...JONAS,
    hyresgastPersonnummer: JONAS.hyresgast.personnummer,
    hyresvard: { namn: 'Bostadsbolaget AB', kontaktperson: 'Lena Lund', telefon: '031-100 00 00' },
    hyresvardAdress: { gatuadress: 'Förvaltargatan 5', postnummer: '41106', ort: 'Göteborg' },
    delgivningsdatum: null,
    barnEnligtAnmalan: false,
  });
  return arende;
}

describe('an unclear household (hushallOklart)', () => {
  it('asks vuxenenheten to establish the household, due from the calendar, and involves barn och unga when children live there', async () => {
    // given: a notice without a flat number for an address with several flats
    const arende = await startCase();

    // then: the register cannot tell the household apart, and counts nobody as living there
    const uppgift = await waitForTask(arende, 'FaststallHushallet');
    expect(await historicVariable<boolean>(arende, 'hushallOklart')).toBe(true);
    expect(await historicVariable<boolean>(arende, 'barnBerorda')).toBe(false);
    expect(await candidateGroups(uppgift.id)).toEqual(['vuxenenheten']);
    // due when the calendar says: the end of the set number of working days after today
    const forfaller = await historicVariable<string>(arende, 'hushallKontrollForfaller');
    expect(forfaller).toMatch(/T23:59:59\+0[12]:00$/);
    expect(new Date(uppgift.due!).getTime()).toBe(new Date(forfaller!).getTime());
    expect(DateTime.fromISO(forfaller!).diff(today(), 'days').days).toBeGreaterThan(0);
    expect(DateTime.fromISO(forfaller!).diff(today(), 'days').days).toBeLessThan(7);
    // and barn och unga is not involved before anyone knows of children
    expect((await activitiesRun(arende)).filter((a) => a === 'InvolveraBarnOchUnga')).toEqual([]);

    // when: the caseworker finds the flat, and that a child lives there
    await complete('vera', uppgift, {
      hushallLagenhetsnummer: '1201',
      barnEnligtHandlaggare: true,
      hushallAnteckning: 'Hyresvärden bekräftar lgh 1201; mamma och en son i skolåldern.',
    });

    // then: barn och unga is involved, once
    const barnOchUnga = await waitForTask(arende, 'BedomBarnutredning');
    expect(await candidateGroups(barnOchUnga.id)).toContain('barn-och-unga');
    expect(await historicVariable<boolean>(arende, 'barnOchUngaInvolverade')).toBe(true);
    expect((await openTasks(arende)).filter((t) => t.taskDefinitionKey === 'BedomBarnutredning')).toHaveLength(1);
    expect((await openTasks(arende)).filter((t) => t.taskDefinitionKey === 'FaststallHushallet')).toEqual([]);
    await expectNoIncidents(arende);
  });

  it('does not ask when the notice names the flat', async () => {
    const arende = uniqueCaseNumber('BV');
    await startByMessage('underrattelse-hot-om-avhysning', arende, {
      kalla: 'hyresvard',
      orsak: 'storningar',
      mottagen: today().toISO()!,
      hyresgast: JONAS.hyresgast,
      adress: { ...JONAS.adress, lagenhetsnummer: '1202' },
      hyresgastPersonnummer: JONAS.hyresgast.personnummer,
      hyresvard: { namn: 'Bostadsbolaget AB' },
      hyresvardAdress: { gatuadress: 'Förvaltargatan 5', postnummer: '41106', ort: 'Göteborg' },
      delgivningsdatum: null,
      barnEnligtAnmalan: false,
    });
    await waitForTask(arende, 'Aktualisera');
    await expect.poll(() => activitiesRun(arende)).toContain('HushalletKant');
    expect(await historicVariable<boolean>(arende, 'hushallOklart')).toBe(false);
    expect((await openTasks(arende)).map((t) => t.taskDefinitionKey)).not.toContain('FaststallHushallet');
  });
});
