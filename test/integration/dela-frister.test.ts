import path from 'node:path';
import knex from 'knex';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProcessInstance } from '../../engine-rest/types.ts';
import { toVariables } from '../../engine-rest/variables.ts';
import { beraknaFristerTopic } from '../../workers/berakna-frister/handler.ts';
import { delaFristerTopic } from '../../workers/dela-frister/handler.ts';
import { engineAsAdmin, eventually, uniqueCaseNumber } from './support/engine.ts';
import { incidentFor } from './support/brev.ts';
import { deployFixture, fixturesDir } from './support/fixtures.ts';
import { taskContext } from './support/samtycke.ts';
import { complete, variable, waitForTask } from './support/scenario.ts';

const beraknaFrister = beraknaFristerTopic();

/**
 * dela-frister on the real engine: a case that called a process (which got
 * copies of the deadlines) recomputes a deadline and hands it on. The deadlines
 * are the calendar's, computed by the berakna-frister handler itself.
 */
beforeAll(async () => {
  await deployFixture(path.join(fixturesDir, 'test-dela-frister.bpmn'));
});

type Underlag = Record<string, Record<string, unknown>>;
const ZON = 'Europe/Stockholm';
const idag = () => DateTime.now().setZone(ZON);

/** What berakna-frister gives for a notice received today, and for its correction a week later. */
async function frister() {
  const mottagen = idag().toISO()!;
  const delgivningsdatum = idag().minus({ days: 2 }).toISODate()!;
  const forsta = await beraknaFrister.handle(
    beraknaFrister.input.parse({
      beraknaFrister: 'forhandsbedomningVuxen,atervinningsfrist',
      mottagen,
      orsak: 'obetald-hyra',
      delgivningsdatum,
    }),
    taskContext('berakna-1', 'p', null),
  );
  if (forsta.kind !== 'complete') throw new Error('berakna-frister');
  const rattad = await beraknaFrister.handle(
    beraknaFrister.input.parse({
      beraknaFrister: 'atervinningsfrist',
      mottagen,
      orsak: 'obetald-hyra',
      delgivningsdatum,
      rattadUnderrattelseMottagen: idag().plus({ days: 7 }).set({ hour: 9, minute: 0 }).toISO()!,
      fristunderlag: forsta.variables.fristunderlag as Underlag,
    }),
    taskContext('berakna-2', 'p', null),
  );
  if (rattad.kind !== 'complete') throw new Error('berakna-frister');
  return { forsta: forsta.variables, rattad: rattad.variables };
}

/** Starts the case with the first deadlines; the called instance gets copies and computes one of its own. */
async function startaMedAnropad(forsta: Record<string, unknown>, grupper: string) {
  const instance = await engineAsAdmin().post<ProcessInstance>('/process-definition/key/test-dela-frister/start', {
    businessKey: uniqueCaseNumber('DF'),
    variables: toVariables({ ...(forsta as Record<string, string>), grupper }),
  });
  const [anropad] = await eventually('the called instance', () =>
    engineAsAdmin().get<{ id: string }[]>('/process-instance', { superProcessInstance: instance.id }),
  );
  const egen = await beraknaFrister.handle(beraknaFrister.input.parse({ beraknaFrister: 'svarUppfoljning' }), taskContext('b', 'p', null));
  if (egen.kind !== 'complete') throw new Error('berakna-frister');
  const svarUppfoljning = (egen.variables.fristunderlag as Underlag).svarUppfoljning!;
  await engineAsAdmin().post(`/process-instance/${anropad!.id}/variables`, {
    modifications: toVariables({ fristunderlag: { ...(forsta.fristunderlag as Underlag), svarUppfoljning } }),
  });
  return { instance: instance.id, anropad: anropad!.id, businessKey: instance.businessKey!, svarUppfoljning };
}

/** The recomputation in the calling instance, then the step that hands it on. */
async function omraknaOchDela(fall: { instance: string; businessKey: string }, rattad: Record<string, unknown>) {
  await engineAsAdmin().post(`/process-instance/${fall.instance}/variables`, {
    modifications: toVariables(rattad as Record<string, string>),
  });
  await complete('vera', await waitForTask(fall.businessKey, 'Omraknat'), {});
}

/** When the instance's timer at the element fires (epoch ms). */
async function timerDue(processInstanceId: string, activityId: string): Promise<number> {
  const definitioner = await engineAsAdmin().get<{ id: string; activityId: string }[]>('/job-definition', { activityIdIn: activityId });
  const jobb = await engineAsAdmin().get<{ jobDefinitionId: string; dueDate: string }[]>('/job', { processInstanceId, timers: true });
  const job = jobb.find((j) => definitioner.some((d) => d.id === j.jobDefinitionId));
  if (!job) throw new Error(`no timer at ${activityId}`);
  return Date.parse(job.dueDate);
}

/** When the instance's open task at the element is due (epoch ms). */
async function taskDue(processInstanceId: string, taskDefinitionKey: string): Promise<number> {
  const [task] = await engineAsAdmin().get<{ due: string }[]>('/task', { processInstanceId, taskDefinitionKey });
  if (!task) throw new Error(`no task ${taskDefinitionKey}`);
  return Date.parse(task.due);
}

describe('dela-frister', () => {
  it('hands the recomputed group to the running called instance, and leaves its other deadlines', async () => {
    // given
    const { forsta, rattad } = await frister();
    const fall = await startaMedAnropad(forsta, 'atervinningsfrist');
    const nya = rattad.fristunderlag as Underlag;
    const gamla = forsta.fristunderlag as Underlag;
    expect(nya.atervinningsfrist!.senast).not.toBe(gamla.atervinningsfrist!.senast);

    // when
    await omraknaOchDela(fall, rattad);
    await waitForTask(fall.businessKey, 'Delat');

    // then: the group's entries and variables are the calling instance's new ones …
    const underlag = await variable<Underlag>(fall.anropad, 'fristunderlag');
    expect(underlag.atervinningsfrist).toEqual(nya.atervinningsfrist);
    expect(underlag.tidigastAvhysningsbeslut).toEqual(nya.tidigastAvhysningsbeslut);
    expect(await variable<string>(fall.anropad, 'atervinningsfristSenast')).toBe(rattad.atervinningsfristSenast);
    expect(await variable<string>(fall.anropad, 'atervinningsfristForfaller')).toBe(rattad.atervinningsfristForfaller);
    expect(await variable<string>(fall.anropad, 'tidigastAvhysningsbeslutSenast')).toBe(rattad.tidigastAvhysningsbeslutSenast);
    // … and what the called instance computed itself, or was not recomputed, stays
    expect(underlag.svarUppfoljning).toEqual(fall.svarUppfoljning);
    expect(underlag.forhandsbedomningPaminnelse).toEqual(gamla.forhandsbedomningPaminnelse);
  });

  it('moves the timers and due dates that rest on the handed deadline, in the calling and the called instance, and no other', async () => {
    // given: two cases on the same models, so the same timer elements exist in several instances
    const { forsta, rattad } = await frister();
    const fall = await startaMedAnropad(forsta, 'atervinningsfrist');
    const annat = await startaMedAnropad(forsta, 'atervinningsfrist');
    const gamlaSenast = Date.parse(forsta.atervinningsfristSenast as string);
    const nyaSenast = Date.parse(rattad.atervinningsfristSenast as string);
    const nyaForfaller = Date.parse(rattad.atervinningsfristForfaller as string);
    expect(nyaSenast).not.toBe(gamlaSenast);
    const paminnelseFore = await timerDue(fall.anropad, 'PaminnelseUte');

    // when
    await omraknaOchDela(fall, rattad);
    await waitForTask(fall.businessKey, 'Delat');

    // then: the timers on atervinningsfristSenast fire at the new time, in both instances of the case …
    expect(await timerDue(fall.instance, 'FristenUte')).toBe(nyaSenast);
    expect(await timerDue(fall.anropad, 'AnropadFristenUte')).toBe(nyaSenast);
    // … the tasks due on atervinningsfristForfaller are due at the new time …
    expect(await taskDue(fall.instance, 'Beslut')).toBe(nyaForfaller);
    expect(await taskDue(fall.anropad, 'AnropadBeslut')).toBe(nyaForfaller);
    // … a deadline that was not handed stays, and so does the other case
    expect(await timerDue(fall.anropad, 'PaminnelseUte')).toBe(paminnelseFore);
    expect(await taskDue(fall.anropad, 'AnropadPaminnelse')).toBe(Date.parse(forsta.forhandsbedomningPaminnelseForfaller as string));
    expect(await timerDue(annat.instance, 'FristenUte')).toBe(gamlaSenast);
    expect(await timerDue(annat.anropad, 'AnropadFristenUte')).toBe(gamlaSenast);
    expect(await taskDue(annat.instance, 'Beslut')).toBe(Date.parse(forsta.atervinningsfristForfaller as string));
  });

  it('a second delivery of the same task changes nothing', async () => {
    // given: the real worker has handed the deadlines on
    const { forsta, rattad } = await frister();
    const fall = await startaMedAnropad(forsta, 'atervinningsfrist');
    await omraknaOchDela(fall, rattad);
    await waitForTask(fall.businessKey, 'Delat');
    const efterForsta = await variable<Underlag>(fall.anropad, 'fristunderlag');

    // when: the same task is handled again (lock expired after the worker wrote)
    const worker = delaFristerTopic({ db: knex({ client: 'pg' }), engine: engineAsAdmin() });
    const input = worker.input.parse({ delaFrister: 'atervinningsfrist', fristunderlag: rattad.fristunderlag });
    const utfall = await worker.handle(input, taskContext('dubbel', fall.instance, fall.businessKey));

    // then
    expect(utfall).toEqual({ kind: 'complete', variables: {} });
    expect(await variable<Underlag>(fall.anropad, 'fristunderlag')).toEqual(efterForsta);
    expect(await variable<string>(fall.anropad, 'atervinningsfristSenast')).toBe(rattad.atervinningsfristSenast);
  });

  it('an unknown group: an incident at once that names the variable', async () => {
    const { forsta, rattad } = await frister();
    const fall = await startaMedAnropad(forsta, 'atervinningsfrist,sommarfrist');
    await omraknaOchDela(fall, rattad);
    const { incident, externalTask } = await incidentFor(fall.instance);
    expect(incident.activityId).toBe('DelaFrister');
    expect(incident.incidentMessage).toMatch(/^Ogiltig indata, rätta variablerna och försök igen: delaFrister/);
    expect(externalTask.retries).toBe(0);
    // nothing was handed on
    expect(await variable<string>(fall.anropad, 'atervinningsfristSenast')).toBe(forsta.atervinningsfristSenast);
  });

  it('a malformed deadline entry: an incident that names the entry, not its value, and nothing handed on', async () => {
    const { forsta, rattad } = await frister();
    const fall = await startaMedAnropad(forsta, 'atervinningsfrist');
    const trasig = { ...(rattad.fristunderlag as Underlag) };
    trasig.atervinningsfrist = { ...trasig.atervinningsfrist!, senast: 'tre veckor efter rättelsen' };
    await omraknaOchDela(fall, { ...rattad, fristunderlag: trasig });
    const { incident } = await incidentFor(fall.instance);
    expect(incident.incidentMessage).toMatch(/fristunderlag\.atervinningsfrist\.senast: /);
    expect(incident.incidentMessage).not.toMatch(/tre veckor/);
    expect((await variable<Underlag>(fall.anropad, 'fristunderlag')).atervinningsfrist).toEqual(
      (forsta.fristunderlag as Underlag).atervinningsfrist,
    );
  });
});
