import { expect } from 'vitest';
import type { Job, ProcessInstance, Task, VariableValue } from '../../../engine-rest/types.ts';
import { toVariables, type PlainValue } from '../../../engine-rest/variables.ts';
import { isConcurrentModification } from '../../../engine-rest/concurrency.ts';
import { EngineRestError } from '../../../engine-rest/client.ts';
import { engineAs, engineAsAdmin, eventually } from './engine.ts';

/**
 * Drives a case through the real engine the way people and the intake do:
 * a message starts it, caseworkers complete their tasks, and time moves only
 * through the engine's own job API (a timer job is executed), never by sleeping.
 */
export type Value = PlainValue;
export const variables = toVariables;

export async function startByMessage(messageName: string, businessKey: string, values: Record<string, Value>): Promise<string> {
  const [result] = await engineAsAdmin().post<{ processInstance: ProcessInstance }[]>('/message', {
    messageName,
    businessKey,
    processVariables: variables(values),
    resultEnabled: true,
  });
  return result!.processInstance.id;
}

/** Every process instance of the case: the main one and those it called. */
export async function instancesOf(businessKey: string): Promise<{ id: string; definitionId: string }[]> {
  return engineAsAdmin().get('/process-instance', { businessKey });
}

export async function openTasks(businessKey: string): Promise<Task[]> {
  return engineAsAdmin().get<Task[]>('/task', { processInstanceBusinessKey: businessKey, sortBy: 'created', sortOrder: 'asc' });
}

/** Waits until the case has an open task with this key, and returns it. */
export async function waitForTask(businessKey: string, taskDefinitionKey: string): Promise<Task> {
  const [task] = await eventually(`task ${taskDefinitionKey} in ${businessKey}`, async () =>
    (await openTasks(businessKey)).filter((t) => t.taskDefinitionKey === taskDefinitionKey),
  );
  return task!;
}

export async function candidateGroups(taskId: string): Promise<string[]> {
  const links = await engineAsAdmin().get<{ groupId: string | null; type: string }[]>(`/task/${taskId}/identity-links`);
  return links
    .filter((l) => l.type === 'candidate' && l.groupId)
    .map((l) => l.groupId as string)
    .sort();
}

/** A caseworker claims and completes the task with the form's values. */
export async function complete(user: string, task: Task, values: Record<string, Value>): Promise<void> {
  const engine = engineAs(user);
  await engine.post(`/task/${task.id}/claim`, { userId: user });
  // A worker may be completing a parallel step of the same instance at that moment (the
  // Kronofogden case's confirmation runs beside the register check): the engine refuses with a
  // concurrency error and nothing changes; Tasklist's user would submit again, and so does the test.
  for (let forsok = 1; ; forsok += 1) {
    try {
      await engine.post(`/task/${task.id}/complete`, { variables: variables(values) });
      return;
    } catch (error) {
      const samtidig = isConcurrentModification(error);
      if (!samtidig || forsok >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/**
 * A caseworker submits the task's Camunda Form as C7 Tasklist does
 * (webapps cam-tasklist-form-camunda.js): form-js's data, one variable per
 * top-level key (a group's `path` nests its fields into an object); an object
 * gets the type of the variable the task already has (form-variables), else
 * Json; any other value goes untyped. `prefill` is the data Tasklist hands
 * form-js on import, so a test can check what the form shows.
 */
export async function submitFormAsTasklist(
  user: string,
  task: Task,
  data: Record<string, Value> | ((prefill: Record<string, unknown>) => Record<string, Value>),
): Promise<void> {
  const engine = engineAs(user);
  await engine.post(`/task/${task.id}/claim`, { userId: user });
  const befintliga = await engine.get<Record<string, VariableValue>>(`/task/${task.id}/form-variables`, { deserializeValues: 'false' });
  const prefill = Object.fromEntries(
    Object.entries(befintliga).map(([namn, v]) => [namn, v.type === 'Json' && typeof v.value === 'string' ? JSON.parse(v.value) : v.value]),
  );
  const varden = typeof data === 'function' ? data(prefill) : data;
  const payload: Record<string, VariableValue> = {};
  for (const [namn, value] of Object.entries(varden)) {
    if (value !== null && typeof value === 'object') {
      const befintlig = befintliga[namn];
      payload[namn] = { type: befintlig?.type ?? 'Json', valueInfo: befintlig?.valueInfo, value: JSON.stringify(value) } as VariableValue;
    } else payload[namn] = { value } as VariableValue;
  }
  await engine.post(`/task/${task.id}/submit-form`, { variables: payload });
}

export async function completeWhenOpen(user: string, businessKey: string, key: string, values: Record<string, Value>): Promise<Task> {
  const task = await waitForTask(businessKey, key);
  await complete(user, task, values);
  return task;
}

/** Timer jobs of the case at an activity (a boundary or intermediate timer). */
export async function timerJobs(businessKey: string, activityId: string): Promise<Job[]> {
  const jobs: Job[] = [];
  for (const instance of await instancesOf(businessKey)) {
    jobs.push(...(await engineAsAdmin().get<Job[]>('/job', { processInstanceId: instance.id, activityId, timers: true })));
  }
  return jobs;
}

/** Moves time for one timer: executes its job now, through the engine's job API. */
export async function fireTimer(businessKey: string, activityId: string): Promise<Job> {
  // A worker may be completing another step of the same instance at that moment: the engine then
  // refuses with a concurrency error (optimistic locking, or a database deadlock), and the job
  // executor would retry. So does the test, a few times. The same race can replace the timer's job
  // (a deadline recomputed, the timer created anew): the old id is then gone (404), and the test
  // fires the timer's new job.
  for (let forsok = 1; ; forsok += 1) {
    const [job] = await eventually(`timer ${activityId} in ${businessKey}`, () => timerJobs(businessKey, activityId));
    try {
      await engineAsAdmin().post(`/job/${job!.id}/execute`);
      return job!;
    } catch (error) {
      const forsokIgen = isConcurrentModification(error) || (error instanceof EngineRestError && error.status === 404);
      if (!forsokIgen || forsok >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

export async function variable<T>(processInstanceId: string, name: string): Promise<T> {
  const v = await engineAsAdmin().get<{ value: unknown; type: string }>(`/process-instance/${processInstanceId}/variables/${name}`, {
    deserializeValue: false,
  });
  return (v.type === 'Json' && typeof v.value === 'string' ? JSON.parse(v.value) : v.value) as T;
}

export async function historicVariable<T>(businessKey: string, name: string): Promise<T | undefined> {
  const instances = await engineAsAdmin().get<{ id: string }[]>('/history/process-instance', { processInstanceBusinessKey: businessKey });
  for (const instance of instances) {
    const [v] = await engineAsAdmin().get<{ value: unknown; type: string }[]>('/history/variable-instance', {
      processInstanceId: instance.id,
      variableName: name,
      deserializeValues: false,
    });
    if (v) return (v.type === 'Json' && typeof v.value === 'string' ? JSON.parse(v.value) : v.value) as T;
  }
  return undefined;
}

/** Activities that ran in the case (all its instances), in order. */
export async function activitiesRun(businessKey: string): Promise<string[]> {
  const instances = await engineAsAdmin().get<{ id: string }[]>('/history/process-instance', { processInstanceBusinessKey: businessKey });
  const all: { activityId: string; startTime: string }[] = [];
  for (const instance of instances) {
    all.push(
      ...(await engineAsAdmin().get<{ activityId: string; startTime: string }[]>('/history/activity-instance', {
        processInstanceId: instance.id,
      })),
    );
  }
  return all.sort((a, b) => a.startTime.localeCompare(b.startTime)).map((a) => a.activityId);
}

export async function expectNoIncidents(businessKey: string): Promise<void> {
  for (const instance of await instancesOf(businessKey)) {
    const incidents = await engineAsAdmin().get<{ incidentMessage: string; activityId: string }[]>('/incident', {
      processInstanceId: instance.id,
    });
    expect(incidents.map((i) => `${i.activityId}: ${i.incidentMessage}`)).toEqual([]);
  }
}

/** The case's open consent question (inhamta-samtycke's InhamtaSamtycke) for one recipient, e.g. 'hyresvard'. */
export async function consentQuestion(businessKey: string, mottagare: string): Promise<Task> {
  return eventually(`the consent question for ${mottagare} in ${businessKey}`, async () => {
    for (const t of (await openTasks(businessKey)).filter((x) => x.taskDefinitionKey === 'InhamtaSamtycke')) {
      if ((await variable<string>(t.processInstanceId, 'samtyckeMottagare')) === mottagare) return t;
    }
    return undefined;
  });
}
