import type { EngineRest } from '../../engine-rest/client.ts';
import { engineTimeMs } from '../../engine-rest/time.ts';
import { NOOP_TOPIC } from './ceiling.ts';
import { sleep } from './stats.ts';

/**
 * What the engine's history says about a run. Every time here is the engine's
 * own clock (start of the case's first instance, creation of a task, an
 * activity's start and end), so the HTTP round trips of these reads do not
 * enter the figures.
 */
interface HistoricInstance {
  id: string;
  businessKey: string | null;
  rootProcessInstanceId: string;
  startTime: string;
}
interface HistoricTask {
  processInstanceId: string;
  rootProcessInstanceId: string | null;
  startTime: string;
}
interface HistoricActivity {
  activityId: string;
  processInstanceId: string;
  durationInMillis: number | null;
}

export interface CaseTimes {
  /** Notice → first user task (ms) per case that has one. */
  firstTask: Map<string, number>;
  /** Every instance of the cases (call activities and conditionally started ones included). */
  instanceIds: Set<string>;
}

export async function caseTimes(admin: EngineRest, keys: Set<string>): Promise<CaseTimes> {
  const instances = (await admin.getAll<HistoricInstance>('/history/process-instance', { processDefinitionKeyNotIn: 'bench-noop' })).filter(
    (i) => i.businessKey !== null && keys.has(i.businessKey),
  );
  const keyOf = new Map<string, string>();
  const started = new Map<string, number>();
  for (const i of instances) {
    keyOf.set(i.id, i.businessKey!);
    const t = engineTimeMs(i.startTime);
    // The case begins with its first instance (the one the notice's message started).
    started.set(i.businessKey!, Math.min(started.get(i.businessKey!) ?? Infinity, t));
  }
  const firstCreated = new Map<string, number>();
  for (const task of await admin.getAll<HistoricTask>('/history/task')) {
    const key = keyOf.get(task.processInstanceId) ?? (task.rootProcessInstanceId ? keyOf.get(task.rootProcessInstanceId) : undefined);
    if (key === undefined) continue;
    firstCreated.set(key, Math.min(firstCreated.get(key) ?? Infinity, engineTimeMs(task.startTime)));
  }
  const firstTask = new Map<string, number>();
  for (const [key, created] of firstCreated) firstTask.set(key, created - started.get(key)!);
  return { firstTask, instanceIds: new Set(keyOf.keys()) };
}

/** Each automated step's duration (lock wait + handler + complete), by activity id. */
export async function stepDurations(admin: EngineRest, instanceIds: Set<string>): Promise<Map<string, number[]>> {
  const steps = new Map<string, number[]>();
  for (const a of await admin.getAll<HistoricActivity>('/history/activity-instance', { activityType: 'serviceTask', finished: true })) {
    if (!instanceIds.has(a.processInstanceId) || a.durationInMillis === null) continue;
    steps.set(a.activityId, [...(steps.get(a.activityId) ?? []), a.durationInMillis]);
  }
  return steps;
}

/** External tasks completed from `since` until the last one, the no-op topic excepted. */
export async function completedSince(admin: EngineRest, since: number): Promise<{ count: number; seconds: number }> {
  const log = await admin.getAll<{ timestamp: string; topicName: string }>('/history/external-task-log', {
    successLog: true,
    sortBy: 'timestamp',
    sortOrder: 'asc',
  });
  const times = log
    .filter((l) => l.topicName !== NOOP_TOPIC)
    .map((l) => engineTimeMs(l.timestamp))
    .filter((t) => t >= since);
  const last = times.reduce((a, b) => Math.max(a, b), since);
  return { count: times.length, seconds: (last - since) / 1000 };
}

/** Until no external task waits or runs (the workers have carried everything as far as it goes), or the timeout. */
export async function untilQuiet(admin: EngineRest, timeoutMs: number, pollMs = 250): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { count } = await admin.get<{ count: number }>('/external-task/count', { withRetriesLeft: true });
    if (count === 0) return true;
    await sleep(pollMs);
  }
  return false;
}

export async function incidents(admin: EngineRest): Promise<{ open: number; historic: number }> {
  const open = (await admin.get<{ count: number }>('/incident/count')).count;
  const historic = (await admin.get<{ count: number }>('/history/incident/count')).count;
  return { open, historic };
}
