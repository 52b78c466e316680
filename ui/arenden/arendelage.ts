import { parseEngineTime } from '../../engine-rest/time.ts';
import type { Job, ProcessInstance, Task } from '../../engine-rest/types.ts';

/**
 * A case's place in the case list, computed from what the engine reports about
 * the case's running instances (the main one and every called one: they share
 * the case number as business key). Pure: the index (arendeindex.ts) feeds it
 * the engine's answers and stores the result.
 */

export interface Arendelage {
  arendenummer: string;
  /** True while at least one of the case's instances runs (and is not suspended). */
  oppen: boolean;
  /** The earliest due timer or task due date among the running instances. */
  nastaFrist: Date | null;
  /** The open tasks' names, each once, in the order the engine created them. */
  aktuellt: string[];
}

/**
 * Every case among `arendenummer` (or, without it, every case with a running
 * instance): open with its next deadline and current tasks, or closed. Tasks
 * and timers of instances outside `instanser` (suspended, ended, another
 * case's) are not counted. Only the fields it reads are asked of the engine
 * types, so runtime and history instances both do.
 */
export function sammanstall(
  instanser: Pick<ProcessInstance, 'id' | 'businessKey'>[],
  uppgifter: Pick<Task, 'name' | 'processInstanceId' | 'due'>[],
  timers: Pick<Job, 'processInstanceId' | 'dueDate'>[],
  arendenummer?: Iterable<string>,
): Map<string, Arendelage> {
  const lage = new Map<string, Arendelage>();
  for (const nr of arendenummer ?? []) lage.set(nr, { arendenummer: nr, oppen: false, nastaFrist: null, aktuellt: [] });
  const nyckel = new Map<string, string>();
  for (const i of instanser) {
    if (!i.businessKey) continue;
    nyckel.set(i.id, i.businessKey);
    const l = lage.get(i.businessKey);
    if (l) l.oppen = true;
    else lage.set(i.businessKey, { arendenummer: i.businessKey, oppen: true, nastaFrist: null, aktuellt: [] });
  }
  const frist = (l: Arendelage, tid: string | null) => {
    const t = parseEngineTime(tid);
    if (t && (!l.nastaFrist || t < l.nastaFrist)) l.nastaFrist = t;
  };
  for (const u of uppgifter) {
    const l = lage.get(nyckel.get(u.processInstanceId) ?? '');
    if (!l) continue;
    if (!l.aktuellt.includes(u.name)) l.aktuellt.push(u.name);
    frist(l, u.due);
  }
  for (const j of timers) {
    const l = lage.get(nyckel.get(j.processInstanceId) ?? '');
    if (l) frist(l, j.dueDate);
  }
  return lage;
}

/** Whole days until the deadline, rounded up: 1 within the next 24 hours, 0 up to a day after it passed, then negative. */
export function dagarKvar(nastaFrist: Date | null, nu: Date): number | null {
  // `+ 0` turns -0 (a deadline passed hours ago) into 0.
  return nastaFrist === null ? null : Math.ceil((nastaFrist.getTime() - nu.getTime()) / 86_400_000) + 0;
}
