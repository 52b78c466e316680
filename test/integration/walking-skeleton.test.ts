import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HistoricActivityInstance, Incident, Task } from '../../engine-rest/types.ts';
import { engineAs, engineAsAdmin, eventually, startProcess, typed, uniqueCaseNumber } from './support/engine.ts';
import { deployFixture, fixturesDir } from './support/fixtures.ts';

/**
 * The first slice through every layer, kept as a fixture (the skeleton of
 * kronofogden-avhysning) now that the real process has grown: an external task
 * through the real worker, a caseworker task, and the history that records both.
 */
const PROCESS = 'test-walking-skeleton';

beforeAll(async () => {
  await deployFixture(path.join(fixturesDir, 'test-walking-skeleton.bpmn'));
});

describe('walking skeleton: a Kronofogden notice runs through the real worker', () => {
  it('computes the same-day deadline, hands the task to vuxenenheten, and records every step', async () => {
    // given: a notice received a Friday at 16:55 Swedish time
    const arendenummer = uniqueCaseNumber();
    const instance = await startProcess(PROCESS, arendenummer, { mottagen: '2026-11-27T16:55:00+01:00' });

    // when: the berakna-frister worker has done its part
    const vera = engineAs('vera');
    const [task] = await eventually('the confirmation task', () => vera.get<Task[]>('/task', { processInstanceId: instance.id }));

    // then: the task is vuxenenheten's, due at the end of the day of reception, Swedish time
    expect(task?.name).toBe('Bekräfta till Kronofogden');
    expect(new Date(task!.due!).toISOString()).toBe('2026-11-27T22:59:59.000Z');
    const identityLinks = await engineAsAdmin().get<{ groupId: string; type: string }[]>(`/task/${task!.id}/identity-links`);
    expect(identityLinks).toContainEqual(expect.objectContaining({ groupId: 'vuxenenheten', type: 'candidate' }));

    // and the deadline's grounds are kept for the viewer and auditors
    const underlag = await engineAsAdmin().get<{ value: Record<string, { lagrum: string[]; senast: string }> }>(
      `/process-instance/${instance.id}/variables/fristunderlag`,
      { deserializeValue: false },
    );
    const parsed = typeof underlag.value === 'string' ? JSON.parse(underlag.value) : underlag.value;
    expect(parsed.bekraftelseKronofogden.senast).toBe('2026-11-28T00:00:00+01:00');

    // when: the caseworker claims and completes it
    await vera.post(`/task/${task!.id}/claim`, { userId: 'vera' });
    await vera.post(`/task/${task!.id}/complete`, {
      variables: typed({ ansvarigHandlaggare: 'Vera Vuxenenheten', bekraftelseSkickad: true }),
    });

    // then: the history shows each step in order, and who completed the task
    const history = await engineAsAdmin().get<HistoricActivityInstance[]>('/history/activity-instance', {
      processInstanceId: instance.id,
      sortBy: 'occurrence',
      sortOrder: 'asc',
    });
    expect(history.map((a) => a.activityId)).toEqual(['UnderrattelseMottagen', 'BeraknaFrister', 'BekraftaTillKronofogden', 'Bekraftad']);
    expect(history.every((a) => a.endTime !== null)).toBe(true);
    expect(history.find((a) => a.activityId === 'BekraftaTillKronofogden')?.assignee).toBe('vera');
    const finished = await engineAsAdmin().get<{ state: string; businessKey: string }>(`/history/process-instance/${instance.id}`);
    expect(finished).toMatchObject({ state: 'COMPLETED', businessKey: arendenummer });
  });

  it('turns invalid input into an incident that names the variable, at once', async () => {
    // given: a reception time that is not a date-time with offset
    const instance = await startProcess(PROCESS, uniqueCaseNumber(), { mottagen: '2026-13-45' });

    // then: an incident, without retries, that tells what to correct
    const [incident] = await eventually('an incident', () =>
      engineAsAdmin().get<Incident[]>('/incident', { processInstanceId: instance.id }),
    );
    expect(incident?.activityId).toBe('BeraknaFrister');
    expect(incident?.incidentMessage).toMatch(/^Ogiltig indata.*mottagen/);
    const [externalTask] = await engineAsAdmin().get<{ retries: number }[]>('/external-task', {
      processInstanceId: instance.id,
    });
    expect(externalTask?.retries).toBe(0);
  });
});
