import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExternalTask, Incident, Task } from '../../engine-rest/types.ts';
import { engineAsAdmin, eventually } from './support/engine.ts';
import {
  completeForm,
  deploySamtyckeFixtures,
  incidentOf,
  minutesFromNow,
  nyHyresgast,
  registerDatabase,
  registreraSamtycke,
  startWithTenant,
} from './support/samtycke.ts';

/** Bad data becomes an incident at once, naming the variable; a database outage is retried, then an incident, and recovers. */
let db: Knex;
beforeAll(async () => {
  await deploySamtyckeFixtures();
  db = registerDatabase();
});
afterAll(async () => {
  await db.destroy();
});

describe('invalid input: an incident at once that names the variable', () => {
  it('samtycke-registrera: a recipient outside the vocabulary, a date that is not one', async () => {
    // given
    const hyresgast = nyHyresgast();
    const instance = await startWithTenant('test-samtycke-registrera', hyresgast);

    // when: the form sent a recipient Bokvar does not know and a free-text date
    await completeForm(instance.id, {
      samtyckeMottagare: ['hyresvard', 'grannen'],
      samtyckeSyfte: 'kontakt-om-boendet',
      samtyckeForm: 'muntligt',
      samtyckeLamnatDatum: 'i förrgår',
    });

    // then: no retries, a message naming both variables and neither value, and nothing registered
    const { incident, externalTask } = await incidentOf(instance.id);
    expect(incident.activityId).toBe('RegistreraSamtycke');
    expect(incident.incidentMessage).toMatch(/^Ogiltig indata.*samtyckeMottagare\.1: .*samtyckeLamnatDatum: ska vara ett datum/);
    expect(incident.incidentMessage).not.toMatch(/grannen|förrgår/);
    expect(externalTask.retries).toBe(0);
    expect(await db('samtycken').where({ personnummer: hyresgast.personnummer.replace('-', '') })).toEqual([]);
  });

  it('samtycke-registrera: a consent dated in the future', async () => {
    const instance = await startWithTenant('test-samtycke-registrera', nyHyresgast());
    await completeForm(instance.id, {
      samtyckeMottagare: 'hyresvard',
      samtyckeSyfte: 'kontakt-om-boendet',
      samtyckeForm: 'skriftligt',
      samtyckeLamnatDatum: minutesFromNow(24 * 60),
    });
    const { incident, externalTask } = await incidentOf(instance.id);
    expect(incident.incidentMessage).toMatch(/^Ogiltig indata.*samtyckeLamnatDatum: ligger i framtiden/);
    expect(externalTask.retries).toBe(0);
  });

  it('samtycke-kontroll: a tenant whose personnummer is wrong', async () => {
    const instance = await startWithTenant('test-samtycke-kontroll', { personnummer: '19121212-1213', namn: 'Tolvan Tolvansson' });
    const { incident, externalTask } = await incidentOf(instance.id);
    expect(incident.activityId).toBe('KontrolleraHyresvard');
    expect(incident.incidentMessage).toMatch(/^Ogiltig indata.*hyresgast\.personnummer: Personnumret har fel kontrollsiffra/);
    expect(incident.incidentMessage).not.toContain('1212');
    expect(externalTask.retries).toBe(0);
  });

  it('samtycke-aterkalla: "hela" together with a list of recipients, and a consent id that is not the tenant\'s', async () => {
    // given: someone else's consent
    const annan = nyHyresgast();
    const annansSamtycke = await registreraSamtycke(annan, {
      samtyckeMottagare: 'hyresvard',
      samtyckeSyfte: 'kontakt-om-boendet',
      samtyckeForm: 'skriftligt',
      samtyckeLamnatDatum: minutesFromNow(-10),
    });

    // when: contradictory scope
    const forsta = await startWithTenant('test-samtycke-aterkalla', nyHyresgast());
    await completeForm(forsta.id, {
      aterkallelseOmfattning: 'hela',
      aterkallelseMottagare: ['hyresvard'],
      aterkallelseTidpunkt: minutesFromNow(-1),
    });
    // and: a consent id belonging to someone else
    const andra = await startWithTenant('test-samtycke-aterkalla', nyHyresgast());
    await completeForm(andra.id, {
      aterkallelseOmfattning: 'hela',
      aterkallelseSamtyckeId: annansSamtycke,
      aterkallelseTidpunkt: minutesFromNow(-1),
    });

    // then
    expect((await incidentOf(forsta.id)).incident.incidentMessage).toMatch(/^Ogiltig indata.*aterkallelseOmfattning: är "hela" men/);
    expect((await incidentOf(andra.id)).incident.incidentMessage).toMatch(
      /^Ogiltig indata.*aterkallelseSamtyckeId: hyresgästen har inget samtycke/,
    );
    expect(await db('samtycke_aterkallelser').whereIn('process_instance_id', [forsta.id, andra.id])).toEqual([]);
  });
});

describe('technical failure: retried with back-off, then an incident; recovers when the database is back', () => {
  it('samtycke-kontroll while the consent table is gone', async () => {
    // given: a person with consent, and a register the worker cannot read
    const hyresgast = nyHyresgast();
    const samtyckeId = await registreraSamtycke(hyresgast, {
      samtyckeMottagare: 'hyresvard',
      samtyckeSyfte: 'kontakt-om-boendet',
      samtyckeForm: 'skriftligt',
      samtyckeLamnatDatum: minutesFromNow(-10),
    });
    await db.raw('ALTER TABLE samtycken RENAME TO samtycken_borta');
    let instanceId: string;
    try {
      // when
      instanceId = (await startWithTenant('test-samtycke-kontroll', hyresgast)).id;

      // then: retries count down with a readable message…
      const retrying = await eventually('a retried failure', async () => {
        const [task] = await engineAsAdmin().get<ExternalTask[]>('/external-task', { processInstanceId: instanceId });
        return task && task.retries !== null && task.retries > 0 && task.retries < 5 ? task : undefined;
      });
      expect(retrying.errorMessage).toBe(
        'Tekniskt fel: Samtyckesregistret: kunde inte läsa samtyckesregistret (relation "samtycken" does not exist)',
      );
      // …and end in an incident when they run out (back-off 0.5 + 1 + 2 + 4 s in the test stack)
      const [incident] = await eventually('an incident', () =>
        engineAsAdmin().get<Incident[]>('/incident', { processInstanceId: instanceId }),
      );
      expect(incident?.incidentMessage).toMatch(/^Tekniskt fel: Samtyckesregistret: kunde inte läsa/);
    } finally {
      await db.raw('ALTER TABLE samtycken_borta RENAME TO samtycken');
    }

    // when: an operator retries once the database is back
    const [failed] = await engineAsAdmin().get<ExternalTask[]>('/external-task', { processInstanceId: instanceId! });
    await engineAsAdmin().put(`/external-task/${failed!.id}/retries`, { retries: 1 });

    // then: the check completes, resting on the consent
    const [task] = await eventually('the contact task', () => engineAsAdmin().get<Task[]>('/task', { processInstanceId: instanceId }));
    expect(task?.taskDefinitionKey).toBe('KontaktaHyresvarden');
    const id = await engineAsAdmin().get<{ value: string }>(`/process-instance/${instanceId!}/variables/samtyckeHyresvardId`);
    expect(id.value).toBe(samtyckeId);
  });
});
