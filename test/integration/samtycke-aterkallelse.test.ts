import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineRest } from '../../engine-rest/client.ts';
import type { ProcessInstance, Task } from '../../engine-rest/types.ts';
import { samtyckeAterkallaTopic } from '../../workers/samtycke-aterkalla/handler.ts';
import { samtyckeAvbrytKontakterTopic } from '../../workers/samtycke-avbryt-kontakter/handler.ts';
import { noEngine } from '../support/no-engine.ts';
import { engineAs, engineAsAdmin, eventually, stack, uniqueCaseNumber } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import {
  deploySamtyckeFixtures,
  finished,
  formValues,
  historicVariable,
  minutesFromNow,
  registerDatabase,
  registreraSamtycke,
  taskContext,
} from './support/samtycke.ts';
import {
  activitiesRun,
  completeWhenOpen,
  expectNoIncidents,
  openTasks,
  startByMessage,
  waitForTask,
  type Value,
} from './support/scenario.ts';

/**
 * A tenant withdraws consent while the case runs (handbook: consent can be
 * revoked "hela eller delar av", and that is documented). The caseworker starts
 * aterkalla-samtycke from Tasklist with the case number; the revocation lands in
 * the register documented by the caseworker, and every waiting contact that
 * rests on the revoked consent is interrupted and goes back through the consent
 * gate. Contacts with another basis are not touched.
 *
 * This file's tenants (fixtures/scenarier-folkbokforing.csv), used nowhere else:
 *  - Ivar Ivarsson, Ivarsgatan 21: consents to landlord contact, then revokes it;
 *  - Maja Malm, Malmgatan 22: the landlord reported; she revokes a consent she gave;
 *  - Nils Nord, Nordgatan 23: the case a mistyped case number is corrected to.
 */
const IVAR = {
  hyresgast: { personnummer: '197810213319', namn: 'Ivar Ivarsson' },
  adress: { gatuadress: 'Ivarsgatan 21', postnummer: '41311', ort: 'Göteborg', lagenhetsnummer: '1101' },
};
const MAJA = {
  hyresgast: { personnummer: '198602143425', namn: 'Maja Malm' },
  adress: { gatuadress: 'Malmgatan 22', postnummer: '41312', ort: 'Göteborg', lagenhetsnummer: '1102' },
};
const NILS = {
  hyresgast: { personnummer: '199106073530', namn: 'Nils Nord' },
  adress: { gatuadress: 'Nordgatan 23', postnummer: '41313', ort: 'Göteborg', lagenhetsnummer: '1103' },
};

let db: Knex;
beforeAll(async () => {
  await importScenarioPeople(stack().databaseUrl);
  await deploySamtyckeFixtures();
  db = registerDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const today = () => DateTime.now().setZone('Europe/Stockholm');

async function startCase(tenant: typeof IVAR, over: Record<string, Value>): Promise<string> {
  const arende = uniqueCaseNumber('BV');
  await startByMessage('underrattelse-hot-om-avhysning', arende, {
    orsak: 'annat',
    mottagen: today().toISO()!,
    ...tenant,
    hyresgastPersonnummer: tenant.hyresgast.personnummer,
    hyresvard: { namn: 'Bostadsbolaget AB', kontaktperson: 'Lena Lund', telefon: '031-100 00 00' },
    hyresvardAdress: { gatuadress: 'Förvaltargatan 5', postnummer: '41106', ort: 'Göteborg' },
    delgivningsdatum: null,
    barnEnligtAnmalan: false,
    ...over,
  });
  await completeWhenOpen('vera', arende, 'Aktualisera', {
    treservaReferens: 'TRE-2026/555',
    ansvarigHandlaggare: 'Vera Vuxenenheten',
    ansvarigHandlaggareTelefon: '031-365 00 00',
    aktualiseringstyp: 'annan-information',
    barnEnligtHandlaggare: false,
  });
  return arende;
}

/** What Tasklist does on "Starta process" with the start form filled in. */
async function startaAterkallelse(user: string, arendenummer: string): Promise<string> {
  const instance = await engineAs(user).post<ProcessInstance>('/process-definition/key/aterkalla-samtycke/submit-form', {
    variables: formValues({ arendenummer }),
  });
  return instance.id;
}

async function taskOf(processInstanceId: string, key: string): Promise<Task> {
  const [task] = await eventually(`${key} in the revocation`, async () => {
    const incidents = await engineAsAdmin().get<{ incidentMessage: string }[]>('/incident', { processInstanceId });
    if (incidents.length > 0) throw new Error(`Incident: ${incidents[0]!.incidentMessage}`);
    return engineAsAdmin().get<Task[]>('/task', { processInstanceId, taskDefinitionKey: key });
  });
  return task!;
}

async function dokumentera(user: string, task: Task, values: Record<string, unknown>): Promise<void> {
  await engineAs(user).post(`/task/${task.id}/complete`, { variables: formValues(values) });
}

const tasksNamed = async (arende: string, key: string) => (await openTasks(arende)).filter((t) => t.taskDefinitionKey === key);

describe('revoking consent from inside a running case', () => {
  it('interrupts the consent-based landlord contact, records who documented it, and returns the case to the consent gate', async () => {
    // given: Ivar's case, reported by a relative, waits at the landlord contact that rests on his written consent
    const arende = await startCase(IVAR, { kalla: 'anhorig' });
    await completeWhenOpen('vera', arende, 'InhamtaSamtycke', {
      samtyckeLamnat: true,
      samtyckeForm: 'skriftligt',
      samtyckeLamnatDatum: today().toISODate()!,
      samtyckeAnteckning: 'Blankett i Treserva',
    });
    const kontakt = await waitForTask(arende, 'KontaktaHyresvarden');
    const [samtycke] = await db('samtycken').where({ arendenummer: arende }).select('id');
    expect(await historicVariable<string>(kontakt.processInstanceId!, 'kontaktgrundHyresvard')).toBe(`samtycke:${samtycke.id}`);

    // when: vera starts the revocation from Tasklist with the case number and documents it
    // (the form claims bosse documented it: the model records who completed the task)
    const aterkallelse = await startaAterkallelse('vera', arende);
    const uppgift = await taskOf(aterkallelse, 'DokumenteraAterkallelse');
    expect(uppgift.assignee).toBe('vera');
    expect(await historicVariable<{ namn: string }>(aterkallelse, 'hyresgast')).toMatchObject({ namn: 'Ivar Ivarsson' });
    await dokumentera('vera', uppgift, {
      aterkallelseOmfattning: 'hela',
      aterkallelseTidpunkt: minutesFromNow(-1),
      aterkallelseSkal: 'Vill inte att hyresvärden kontaktas',
      samtyckeDokumenteratAv: 'bosse',
    });
    await finished(aterkallelse);

    // then: the register holds the revocation under the case, documented by vera
    const [rad] = await db('samtycke_aterkallelser').where({ personnummer: IVAR.hyresgast.personnummer });
    expect(rad).toMatchObject({ arendenummer: arende, dokumenterat_av: 'vera', samtycke_id: null, mottagare: null, syften: null });
    expect(await historicVariable<string[]>(aterkallelse, 'aterkalladeSamtycken')).toEqual([samtycke.id]);
    expect(await historicVariable<number>(aterkallelse, 'avbrutnaKontakter')).toBe(1);

    // and the landlord task is gone; the gate checked the register again and asks for consent anew
    await expect.poll(() => tasksNamed(arende, 'KontaktaHyresvarden')).toEqual([]);
    const igen = await waitForTask(arende, 'InhamtaSamtycke');
    expect(await activitiesRun(arende)).toContain('SamtyckeAterkallatHyresvard');
    const underlag = await historicVariable<{ samtyckeFinns: boolean; orsak: string }>(igen.processInstanceId!, 'samtyckeUnderlag');
    expect(underlag).toMatchObject({ samtyckeFinns: false, orsak: 'aterkallat' });

    // when the tenant does not consent again, no contact is taken
    await completeWhenOpen('vera', arende, 'InhamtaSamtycke', { samtyckeLamnat: false, samtyckeAnteckning: 'Återkallat; vill inte' });
    await expect.poll(() => activitiesRun(arende)).toContain('SamtyckeSaknas');
    expect(await tasksNamed(arende, 'KontaktaHyresvarden')).toEqual([]);
    await expectNoIncidents(arende);

    // and a second delivery of either task changes nothing (same task id: idempotent)
    const logg = await engineAsAdmin().get<{ externalTaskId: string; activityId: string }[]>('/history/external-task-log', {
      processInstanceId: aterkallelse,
      successLog: true,
    });
    const uppgiftsId = (aktivitet: string) => logg.find((l) => l.activityId === aktivitet)!.externalTaskId;
    const register = samtyckeAterkallaTopic({ db, engine: noEngine() });
    const igenRegistrerad = await register.handle(
      register.input.parse({
        hyresgast: IVAR.hyresgast,
        aterkallelseOmfattning: 'hela',
        aterkallelseTidpunkt: minutesFromNow(-1),
        samtyckeDokumenteratAv: 'vera',
        arendenummer: arende,
      }),
      taskContext(uppgiftsId('RegistreraAterkallelse'), aterkallelse, null),
    );
    expect(igenRegistrerad).toMatchObject({ kind: 'complete', variables: { aterkallelseId: rad.id, aterkalladeSamtycken: [samtycke.id] } });
    expect(await db('samtycke_aterkallelser').where({ personnummer: IVAR.hyresgast.personnummer })).toHaveLength(1);

    const engine = new EngineRest(stack().engineRestUrl, stack().worker);
    const avbryt = samtyckeAvbrytKontakterTopic({ db, engine });
    const fore = (await openTasks(arende)).map((t) => t.id).sort();
    const igenAvbrutna = await avbryt.handle(
      avbryt.input.parse({ arendenummer: arende, aterkalladeSamtycken: [samtycke.id], aterkallelseId: rad.id }),
      taskContext(uppgiftsId('AvbrytKontakter'), aterkallelse, null),
    );
    expect(igenAvbrutna).toEqual({ kind: 'complete', variables: { avbrutnaKontakter: 0 } });
    expect((await openTasks(arende)).map((t) => t.id).sort()).toEqual(fore);
  });

  it('leaves a landlord contact that rests on the landlord’s own notice untouched', async () => {
    // given: the landlord reported Maja, so the contact needs no consent; she had consented to landlord contact before
    const samtyckeId = await registreraSamtycke(MAJA.hyresgast, {
      samtyckeMottagare: ['hyresvard'],
      samtyckeSyfte: ['kontakt-om-boendet'],
      samtyckeForm: 'muntligt',
      samtyckeLamnatDatum: minutesFromNow(-60),
    });
    const arende = await startCase(MAJA, { kalla: 'hyresvard' });
    const kontakt = await waitForTask(arende, 'KontaktaHyresvarden');
    expect(await historicVariable<string>(kontakt.processInstanceId!, 'kontaktgrundHyresvard')).toBe('hyresvarden-underrattade');

    // when: she revokes every consent
    const aterkallelse = await startaAterkallelse('stina', arende);
    await dokumentera('stina', await taskOf(aterkallelse, 'DokumenteraAterkallelse'), {
      aterkallelseOmfattning: 'hela',
      aterkallelseTidpunkt: minutesFromNow(-1),
    });
    await finished(aterkallelse);

    // then: the consent is revoked in the register, but the landlord task is the same task, still open
    expect(await historicVariable<string[]>(aterkallelse, 'aterkalladeSamtycken')).toEqual([samtyckeId]);
    expect(await historicVariable<number>(aterkallelse, 'avbrutnaKontakter')).toBe(0);
    expect((await tasksNamed(arende, 'KontaktaHyresvarden')).map((t) => t.id)).toEqual([kontakt.id]);
    expect(await tasksNamed(arende, 'InhamtaSamtycke')).toEqual([]);
    expect(await activitiesRun(arende)).not.toContain('SamtyckeAterkallatHyresvard');
    const [rad] = await db('samtycke_aterkallelser').where({ personnummer: MAJA.hyresgast.personnummer });
    expect(rad).toMatchObject({ arendenummer: arende, dokumenterat_av: 'stina' });
  });

  it('asks the caseworker to correct an unknown case number, and registers nothing until it names an open case', async () => {
    // given
    const nils = await startCase(NILS, { kalla: 'hyresvard' });
    const okant = uniqueCaseNumber('BV-FINNS-INTE');

    // when: the number names no case
    const aterkallelse = await startaAterkallelse('vera', okant);

    // then: a task for the one who started it says so, readably, and nothing is registered
    const ratta = await taskOf(aterkallelse, 'RattaArendenummer');
    expect(ratta.assignee).toBe('vera');
    const orsak = await historicVariable<string>(aterkallelse, 'arendeSaknasOrsak');
    expect(orsak).toBe(
      `Det finns inget pågående ärende med ärendenumret ${okant}. Kontrollera numret (t.ex. BV-2026-17) i Bokvars ärendelista.`,
    );
    expect(await db('samtycke_aterkallelser').where({ arendenummer: okant })).toHaveLength(0);

    // when: corrected to Nils's case, the revocation continues with his name on the form
    await engineAs('vera').post(`/task/${ratta.id}/complete`, {
      variables: formValues({ arendeAtgard: 'forsok-igen', arendenummer: nils }),
    });
    const uppgift = await taskOf(aterkallelse, 'DokumenteraAterkallelse');
    expect(await historicVariable<{ namn: string }>(aterkallelse, 'hyresgast')).toMatchObject({ namn: 'Nils Nord' });
    await dokumentera('vera', uppgift, {
      aterkallelseOmfattning: 'delvis',
      aterkallelseMottagare: ['annan-forvaltning:funktionsstod'],
      aterkallelseTidpunkt: minutesFromNow(-1),
    });
    await finished(aterkallelse);
    const [rad] = await db('samtycke_aterkallelser').where({ personnummer: NILS.hyresgast.personnummer });
    expect(rad).toMatchObject({ arendenummer: nils, mottagare: ['annan-forvaltning:funktionsstod'] });
  });

  it('lets the caseworker give up, and lets only caseworkers start a revocation', async () => {
    const aterkallelse = await startaAterkallelse('eva', uniqueCaseNumber('BV-FINNS-INTE'));
    const ratta = await taskOf(aterkallelse, 'RattaArendenummer');
    await engineAs('eva').post(`/task/${ratta.id}/complete`, { variables: formValues({ arendeAtgard: 'avbryt' }) });
    await finished(aterkallelse);
    const [slut] = await engineAsAdmin().get<{ activityId: string }[]>('/history/activity-instance', {
      processInstanceId: aterkallelse,
      activityType: 'noneEndEvent',
    });
    expect(slut!.activityId).toBe('IngenAterkallelse');

    // the auditor may start nothing
    await expect(startaAterkallelse('rut', 'BV-2026-1')).rejects.toMatchObject({ status: 403 });
  });
});
