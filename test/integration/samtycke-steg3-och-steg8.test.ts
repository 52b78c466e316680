import knex, { type Knex } from 'knex';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../engine-rest/types.ts';
import { citera, informeraHyresvarden } from '../../frister/index.ts';
import { engineAsAdmin, eventually, stack, uniqueCaseNumber } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import {
  activitiesRun,
  candidateGroups,
  complete,
  completeWhenOpen,
  consentQuestion,
  expectNoIncidents,
  historicVariable,
  openTasks,
  startByMessage,
  variable,
  waitForTask,
  type Value,
} from './support/scenario.ts';

/**
 * Issue 13 point 6: the handbook's remaining "ska"s, on the real engine and workers.
 *  - Step 8: when the tenant consents, the landlord SHALL be informed of the planned support:
 *    the question is always asked after the action plan, and consent makes a task with a due date.
 *  - Step 3: a tenant known in another förvaltning (aktuell-kontroll's aktuellIAnnanForvaltning):
 *    the samråd with it passes the consent gate first, in both checklists; refused → no contact.
 * People (fixtures/scenarier-*.csv), used by no other test so that their consents are their own:
 * Olle Ohlin and Siv Sund (known nowhere), Tore Tall (äldre), Ulla Ulf (funktionsstöd and äldre).
 */
let db: Knex;
beforeAll(async () => {
  db = knex({ client: 'pg', connection: stack().databaseUrl });
  await importScenarioPeople(stack().databaseUrl);
});
afterAll(async () => {
  await db.destroy();
});

const idag = () => DateTime.now().setZone('Europe/Stockholm');
const OLLE = {
  hyresgast: { personnummer: '197812044019', namn: 'Olle Ohlin' },
  adress: { gatuadress: 'Ohlingatan 30', postnummer: '41320', ort: 'Göteborg', lagenhetsnummer: '1101' },
};
const SIV = {
  hyresgast: { personnummer: '198506154023', namn: 'Siv Sund' },
  adress: { gatuadress: 'Sundgatan 31', postnummer: '41321', ort: 'Göteborg', lagenhetsnummer: '1101' },
};
const TORE = {
  hyresgast: { personnummer: '196903214036', namn: 'Tore Tall' },
  adress: { gatuadress: 'Tallgatan 32', postnummer: '41322', ort: 'Göteborg', lagenhetsnummer: '1101' },
};
const ULLA = {
  hyresgast: { personnummer: '197209114045', namn: 'Ulla Ulf' },
  adress: { gatuadress: 'Ulfgatan 33', postnummer: '41323', ort: 'Göteborg', lagenhetsnummer: '1101' },
};
const HYRESVARD = { namn: 'Bostadsbolaget AB', kontaktperson: 'Lena Lund', telefon: '031-100 00 00', epost: 'lena@bostadsbolaget.se' };

/** Checklist 1 from the landlord's notice about disturbances (no återvinningsfrist to attend to). */
async function hotOmAvhysning(person: Record<string, Value>): Promise<string> {
  const arende = uniqueCaseNumber('BV');
  await startByMessage('underrattelse-hot-om-avhysning', arende, {
    kalla: 'hyresvard',
    orsak: 'storningar',
    mottagen: idag().toISO()!,
    ...person,
    hyresvard: HYRESVARD,
    hyresvardAdress: { gatuadress: 'Förvaltargatan 5', postnummer: '41106', ort: 'Göteborg' },
    delgivningsdatum: null,
    barnEnligtAnmalan: false,
    hyresgastPersonnummer: (person.hyresgast as { personnummer: string }).personnummer,
  });
  return arende;
}

/** Checklist 2 from Kronofogden's notice, the eviction two weeks ahead. */
async function kronofogdenAvhysning(person: Record<string, Value>): Promise<string> {
  const arende = uniqueCaseNumber('KF');
  let dag = idag().plus({ days: 14 }).startOf('day');
  while (dag.weekday > 5) dag = dag.plus({ days: 1 });
  await startByMessage('kronofogden-meddelande', arende, {
    kalla: 'kronofogden',
    mottagen: idag().toISO()!,
    malnummer: 'KFM-12-999999-26',
    avhysningsdatum: dag.toISODate()!,
    ...person,
    hyresvard: HYRESVARD,
  });
  return arende;
}

const taskVariable = async <T>(task: Task, name: string): Promise<T> =>
  (await engineAsAdmin().get<{ value: T }>(`/task/${task.id}/variables/${name}`)).value;

const samtycke = { samtyckeLamnat: true, samtyckeForm: 'skriftligt', samtyckeAnteckning: 'Blankett i Treserva' };
const nekat = { samtyckeLamnat: false, samtyckeAnteckning: 'Vill inte att uppgifter lämnas' };

/** Steps 4–7 of the shared process up to the action plan, with no support that needs another consent. */
async function tillHandlingsplan(arende: string): Promise<void> {
  await completeWhenOpen('vera', arende, 'Aktualisera', {
    treservaReferens: 'TRE-2026/313',
    ansvarigHandlaggare: 'Vera Vuxenenheten',
    ansvarigHandlaggareTelefon: '031-365 00 00',
    aktualiseringstyp: 'underrattelse-storningar',
    barnEnligtHandlaggare: false,
  });
  await completeWhenOpen('vera', arende, 'KontaktaHyresvarden', {
    hyresskuldReglerad: 'nej',
    oroForBarn: false,
    barnEnligtHyresvard: false,
  });
  await completeWhenOpen('vera', arende, 'KontaktaHyresgasten', { kontaktsatt: 'telefon', kontaktEtablerad: true });
  await completeWhenOpen('vera', arende, 'BeslutaOmUtredning', {
    utredningsbeslut: 'inleda-utredning',
    utredningsbeslutMotivering: 'Vill ha stöd i boendet.',
  });
  await completeWhenOpen('vera', arende, 'UpprattaHandlingsplan', {
    insatsEkonomisktBistand: false,
    insatsAnnanForvaltning: false,
    handlingsplan: 'Boendestöd via vräkningsförebyggande team.',
  });
}

describe('handbook step 8: "hyresvärd ska få information" once the tenant has consented', () => {
  it('asks for consent after the action plan; consent → a task for vuxenenheten due from the calendar, resting on the consent', async () => {
    const arende = await hotOmAvhysning(OLLE);
    await tillHandlingsplan(arende);

    // the question is asked without anyone ticking a box
    const fraga = await consentQuestion(arende, 'hyresvard');
    expect(await variable<string>(fraga.processInstanceId, 'samtyckeSyfte')).toBe('information-om-planerade-insatser');
    await complete('vera', fraga, { ...samtycke, samtyckeLamnatDatum: idag().toISODate()! });

    const uppgift = await waitForTask(arende, 'InformeraHyresvarden');
    const skapad = new Date();
    expect(await candidateGroups(uppgift.id)).toEqual(['vuxenenheten']);
    // due at the end of the set number of working days from today, as the calendar computes it
    expect(new Date(uppgift.due!).getTime()).toBe(new Date(informeraHyresvarden({ start: skapad }).forfaller).getTime());
    // Tasklist shows the handbook step and the law as catalogue text, never an id
    expect(uppgift.description).toContain('Handboken steg 7 och 8');
    expect(uppgift.description).toMatch(new RegExp(`Lagrum: ${citera('osl-12-2')}; ${citera('osl-26-1')}\\.$`));
    // the contact rests on the registered consent
    const [registrerat] = await db('samtycken').where({ arendenummer: arende }).select('id', 'mottagare', 'syften');
    expect(registrerat).toMatchObject({ mottagare: ['hyresvard'], syften: ['information-om-planerade-insatser'] });
    expect(await taskVariable<string>(uppgift, 'kontaktgrund')).toBe(`samtycke:${registrerat.id}`);

    await complete('vera', uppgift, { informationLamnad: true, anteckning: null });
    await waitForTask(arende, 'BedomUppfoljning');
    expect(await activitiesRun(arende)).toContain('InformeraHyresvarden');
    // known in no other förvaltning: straight on to the question about the own förvaltning, no samråd elsewhere
    expect(await activitiesRun(arende)).toContain('AktuellIAnnanForvaltning');
    expect(await activitiesRun(arende)).not.toContain('SamradDela');
    expect(await activitiesRun(arende)).not.toContain('SamradAnnanForvaltning');
    await expectNoIncidents(arende);
  });

  it('consent refused → the landlord is not informed, and the refusal is recorded', async () => {
    const arende = await hotOmAvhysning(SIV);
    await tillHandlingsplan(arende);
    await complete('vera', await consentQuestion(arende, 'hyresvard'), nekat);

    await waitForTask(arende, 'BedomUppfoljning');
    const steg = await activitiesRun(arende);
    expect(steg).toContain('SamtyckeSaknas');
    expect(steg).not.toContain('InformeraHyresvarden');
    expect(await db('samtycken').where({ arendenummer: arende })).toEqual([]);
    // the answer stays in the history of the consent question
    expect(await historicVariable<boolean>(arende, 'samtyckeLamnat')).toBe(false);
    expect(await historicVariable<string>(arende, 'samtyckeAnteckning')).toBe(nekat.samtyckeAnteckning);
    await expectNoIncidents(arende);
  });
});

describe('handbook step 3: the samråd with another förvaltning passes the consent gate first', () => {
  it('checklist 1, known to äldre: consent → the samråd task, resting on that consent', async () => {
    const arende = await hotOmAvhysning(TORE);
    // asked at once (step 3), parallel to the aktualisering; no contact before the answer
    const fraga = await consentQuestion(arende, 'annan-forvaltning:aldre');
    expect(await variable<string>(fraga.processInstanceId, 'samtyckeSyfte')).toBe('kontakt-om-boendet');
    expect((await openTasks(arende)).map((t) => t.taskDefinitionKey)).not.toContain('SamradMedAnnanForvaltning');
    await complete('vera', fraga, { ...samtycke, samtyckeLamnatDatum: idag().toISODate()! });

    const samrad = await waitForTask(arende, 'SamradMedAnnanForvaltning');
    expect(await candidateGroups(samrad.id)).toEqual(['vuxenenheten']);
    expect(await taskVariable<string>(samrad, 'samradForvaltning')).toBe('aldre');
    const [registrerat] = await db('samtycken').where({ arendenummer: arende }).select('id', 'mottagare', 'syften');
    expect(registrerat).toMatchObject({ mottagare: ['annan-forvaltning:aldre'], syften: ['kontakt-om-boendet'] });
    expect(await taskVariable<string>(samrad, 'kontaktgrund')).toBe(`samtycke:${registrerat.id}`);
    expect(samrad.description).toMatch(/Handboken steg 3/);

    await complete('vera', samrad, { samradAnnanForvaltningGenomfort: true, anteckning: null });
    await expect.poll(() => activitiesRun(arende)).toContain('SamradAnnanForvaltningKlart');
    expect(await activitiesRun(arende)).toContain('SamradAnnanGenomfort');
    await expectNoIncidents(arende);
  });

  it('checklist 2, known to funktionsstöd and äldre: each is asked; refused → no contact with either', async () => {
    const arende = await kronofogdenAvhysning(ULLA);
    const besvarade = new Set<string>();
    // one question per förvaltning, one after the other
    const fragade: string[] = [];
    for (let i = 0; i < 2; i++) {
      const [fraga, mottagare] = await eventually('the next consent question for another förvaltning', async () => {
        for (const t of (await openTasks(arende)).filter((x) => x.taskDefinitionKey === 'InhamtaSamtycke' && !besvarade.has(x.id))) {
          const m = await variable<string>(t.processInstanceId, 'samtyckeMottagare');
          if (m.startsWith('annan-forvaltning:')) return [t, m] as const;
        }
        return undefined;
      });
      besvarade.add(fraga.id);
      fragade.push(mottagare);
      await complete('vera', fraga, nekat);
    }
    expect(fragade.sort()).toEqual(['annan-forvaltning:aldre', 'annan-forvaltning:funktionsstod']);

    await expect.poll(() => activitiesRun(arende)).toContain('SamradAnnanForvaltningKlart');
    const steg = await activitiesRun(arende);
    expect(steg.filter((s) => s === 'IngenKontaktAnnanForvaltning')).toHaveLength(2);
    expect(steg).not.toContain('SamradMedAnnanForvaltning');
    expect(await db('samtycken').where({ arendenummer: arende })).toEqual([]);
    // the case itself goes on: the same-day confirmation to Kronofogden is still there to do
    await waitForTask(arende, 'BekraftaTillKronofogden');
    await expectNoIncidents(arende);
  });
});
