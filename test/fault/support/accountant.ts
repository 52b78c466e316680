import knex from 'knex';
import type { EngineRest } from '../../../engine-rest/client.ts';
import { accepted, finalAnswer, statusCounts, type Notice } from './burst.ts';

/**
 * After recovery and after the workers have drained, accounts for every notice
 * of a burst against the case register (Bokvar's `arenden`), the engine
 * (instances, tasks, timers, incidents) and the letter archive (`brev`).
 * It returns the figures and every discrepancy found, named per case; the test
 * asserts on them, so a failure says exactly which notice went wrong and how.
 */
export interface AccountOptions {
  admin: EngineRest;
  databaseUrl: string;
  notices: Notice[];
  /** The process the notices start, e.g. hot-om-avhysning. */
  processKey: string;
  /** The process variable holding each notice's token (beskrivning, malnummer). */
  tokenVariable: string;
  /** How long the cases get to reach their first user task and timers (default 30 min: a loaded machine drains slowly). */
  drainTimeoutMs?: number;
  /**
   * Deadlines that must each have a timer job somewhere in the case once it has
   * drained: the names of the `…Senast` variables the case's timers use.
   */
  timerVariables?: string[];
}

export interface Figures {
  sent: number;
  acceptedFirst: number;
  acceptedOnRetry: number;
  notAccepted: number;
  firstStatuses: Record<string, number>;
  retryStatuses: Record<string, number>;
  lost: number;
  duplicateCases: number;
  orphanInstances: number;
  orphanRows: number;
  withoutUserTask: number;
  duplicateLetters: number;
  missingLetters: number;
  letters: number;
  missingTimers: number;
  timers: number;
  incidents: number;
  historicIncidents: number;
  drainSeconds: number;
}

export interface Account {
  figures: Figures;
  problems: string[];
}

interface HistoricInstance {
  id: string;
  businessKey: string | null;
  processDefinitionKey: string;
  rootProcessInstanceId: string;
  state: string;
}

export async function account(options: AccountOptions): Promise<Account> {
  const { admin, notices } = options;
  const problems: string[] = [];
  const db = knex({ client: 'pg', connection: options.databaseUrl, pool: { min: 0, max: 2 } });
  try {
    const acceptedNotices = notices.filter((n) => accepted(finalAnswer(n)));
    const caseOf = new Map<string, Notice>();
    for (const n of acceptedNotices) {
      const nr = finalAnswer(n).body?.arendenummer as string | undefined;
      if (!nr) problems.push(`notice ${n.index}: accepted (${finalAnswer(n).status}) without arendenummer`);
      else if (caseOf.has(nr))
        problems.push(`notice ${n.index} and ${caseOf.get(nr)!.index}: the same case ${nr} for two different notices`);
      else caseOf.set(nr, n);
    }

    // 1. Every accepted case reaches a person and has its timers: polled until the deadline while the workers drain.
    const numbers = [...caseOf.keys()];
    const answered = new Set(numbers);
    const drainStarted = Date.now();
    const deadline = drainStarted + (options.drainTimeoutMs ?? 1_800_000);
    let instances: HistoricInstance[] = [];
    let waiting: string[] = [];
    let timerProblems: string[] = [];
    let timers: { processInstanceId: string; dueDate: string | null }[] = [];
    let lastNote = Date.now();
    for (;;) {
      instances = await admin.getAll<HistoricInstance>('/history/process-instance');
      const keyOf = new Map(instances.map((i) => [i.id, i.businessKey]));
      const tasks = await admin.getAll<{ processInstanceId: string }>('/task');
      const reached = new Set(tasks.map((t) => keyOf.get(t.processInstanceId)));
      waiting = numbers.filter((nr) => !reached.has(nr));
      timers = await admin.getAll<{ processInstanceId: string; dueDate: string | null }>('/job', { timers: true });
      timerProblems = await missingTimers(admin, options.timerVariables ?? [], numbers, keyOf, timers);
      const { count: open } = await admin.get<{ count: number }>('/external-task/count', { withRetriesLeft: true });
      if ((waiting.length === 0 && timerProblems.length === 0 && open === 0) || Date.now() > deadline) break;
      if (Date.now() - lastNote > 30_000) {
        lastNote = Date.now();
        process.stdout.write(
          `[drain ${Math.round((Date.now() - drainStarted) / 1000)} s] without user task ${waiting.length}, missing timers ${timerProblems.length}, external tasks open ${open}\n`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
    const drainSeconds = (Date.now() - drainStarted) / 1000;
    for (const nr of waiting) problems.push(`${nr}: no user task ${Math.round(drainSeconds)} s after recovery`);
    problems.push(...timerProblems);

    // 2. Each notice's instances, found by its token in the engine's history: one for an accepted notice, none otherwise.
    const roots = instances.filter((i) => i.processDefinitionKey === options.processKey && i.rootProcessInstanceId === i.id);
    const rootIds = new Set(roots.map((r) => r.id));
    const tokenVariables = await admin.getAll<{ value: unknown; processInstanceId: string }>('/history/variable-instance', {
      variableName: options.tokenVariable,
      deserializeValues: false,
    });
    const instancesByToken = new Map<string, Set<string>>();
    for (const v of tokenVariables) {
      if (!rootIds.has(v.processInstanceId)) continue;
      const set = instancesByToken.get(String(v.value)) ?? new Set<string>();
      set.add(v.processInstanceId);
      instancesByToken.set(String(v.value), set);
    }
    const rows = await db('arenden').select<{ arendenummer: string; process_instance_id: string | null }[]>(
      'arendenummer',
      'process_instance_id',
    );
    const rowsByNumber = new Map<string, { arendenummer: string; process_instance_id: string | null }[]>();
    for (const r of rows) rowsByNumber.set(r.arendenummer, [...(rowsByNumber.get(r.arendenummer) ?? []), r]);
    const rootsByKey = new Map<string, HistoricInstance[]>();
    for (const r of roots) rootsByKey.set(r.businessKey ?? '', [...(rootsByKey.get(r.businessKey ?? '') ?? []), r]);

    let lost = 0;
    let duplicateCases = 0;
    let orphanInstances = 0;
    for (const n of notices) {
      const mine = [...(instancesByToken.get(n.token) ?? [])];
      const answer = finalAnswer(n);
      if (!accepted(answer)) {
        if (mine.length > 0) {
          orphanInstances += mine.length;
          problems.push(
            `notice ${n.index}: answered ${n.first.status}${n.retries.map((r) => `→${r.status}`).join('')}, never accepted, but has ${mine.length} process instance(s) (${mine.join(', ')})`,
          );
        }
        continue;
      }
      const nr = answer.body.arendenummer as string;
      const pid = answer.body.processInstanceId as string;
      const caseRows = rowsByNumber.get(nr) ?? [];
      const caseInstances = rootsByKey.get(nr) ?? [];
      let ok = true;
      if (caseRows.length !== 1 || caseRows[0]!.process_instance_id !== pid) {
        ok = false;
        problems.push(
          `${nr} (notice ${n.index}): ${caseRows.length} case row(s), instance ${caseRows[0]?.process_instance_id ?? 'none'}, answer said ${pid}`,
        );
      }
      if (caseInstances.length !== 1 || caseInstances[0]!.id !== pid) {
        ok = false;
        problems.push(`${nr} (notice ${n.index}): ${caseInstances.length} process instance(s) with the case number, answer said ${pid}`);
      }
      if (!ok) lost += 1;
      if (mine.length > 1) {
        duplicateCases += 1;
        problems.push(`notice ${n.index}: ${mine.length} process instances for one notice (${mine.join(', ')}); answered ${nr}`);
      }
    }
    const orphanRows = rows.filter((r) => !answered.has(r.arendenummer));
    for (const r of orphanRows)
      problems.push(`case row ${r.arendenummer} (instance ${r.process_instance_id ?? 'none'}) belongs to no accepted notice`);
    const strays = roots.filter((r) => !answered.has(r.businessKey ?? '') && ![...instancesByToken.values()].some((s) => s.has(r.id)));
    for (const r of strays) problems.push(`instance ${r.id} (${r.businessKey}) belongs to no notice`);

    // 3. Letters: one per external task, type and recipient, and one set per letter step of a case.
    const letters =
      numbers.length === 0
        ? []
        : await db('brev')
            .whereIn('arendenummer', numbers)
            .select<{ arendenummer: string; process_instance_id: string; external_task_id: string; typ: string; mottagare: string }[]>(
              'arendenummer',
              'process_instance_id',
              'external_task_id',
              'typ',
              'mottagare',
            );
    let duplicateLetters = 0;
    const perTask = countBy(letters, (l) => `${l.external_task_id}|${l.typ}|${l.mottagare}`);
    const perStep = countBy(letters, (l) => `${l.process_instance_id}|${l.typ}|${l.mottagare}`);
    for (const [key, count] of [...perTask, ...perStep]) {
      if (count > 1) {
        duplicateLetters += count - 1;
        problems.push(`letter ${key}: ${count} copies`);
      }
    }
    const letterTasks = await admin.getAll<{ externalTaskId: string; processInstanceId: string }>('/history/external-task-log', {
      topicName: 'brev',
      successLog: true,
    });
    const caseInstanceIds = new Set(instances.filter((i) => answered.has(i.businessKey ?? '')).map((i) => i.id));
    const withLetter = new Set(letters.map((l) => l.external_task_id));
    let missingLetters = 0;
    for (const t of new Map(letterTasks.map((t) => [t.externalTaskId, t])).values()) {
      if (caseInstanceIds.has(t.processInstanceId) && !withLetter.has(t.externalTaskId)) {
        missingLetters += 1;
        problems.push(`letter task ${t.externalTaskId} (instance ${t.processInstanceId}) completed without a letter in the archive`);
      }
    }

    // 5. Incidents: none open, and none that was raised and resolved meanwhile.
    const { count: incidents } = await admin.get<{ count: number }>('/incident/count');
    const historic = await admin.getAll<{ incidentMessage: string; activityId: string; processInstanceId: string }>('/history/incident');
    for (const i of historic) problems.push(`incident in ${i.processInstanceId} at ${i.activityId}: ${i.incidentMessage}`);

    const retried = notices.filter((n) => n.retries.length > 0);
    return {
      figures: {
        sent: notices.length,
        acceptedFirst: notices.filter((n) => accepted(n.first)).length,
        acceptedOnRetry: retried.filter((n) => accepted(finalAnswer(n))).length,
        notAccepted: notices.length - acceptedNotices.length,
        firstStatuses: statusCounts(notices.map((n) => n.first)),
        retryStatuses: statusCounts(retried.map(finalAnswer)),
        lost,
        duplicateCases,
        orphanInstances,
        orphanRows: orphanRows.length,
        withoutUserTask: waiting.length,
        duplicateLetters,
        missingLetters,
        letters: letters.length,
        missingTimers: timerProblems.length,
        timers: timers.length,
        incidents,
        historicIncidents: historic.length,
        drainSeconds,
      },
      problems,
    };
  } finally {
    await db.destroy();
  }
}

/**
 * Timers: every deadline variable a case holds (in any of its instances) has a
 * timer job in that case due at that instant. One line per missing timer.
 */
async function missingTimers(
  admin: EngineRest,
  variables: string[],
  numbers: string[],
  keyOf: Map<string, string | null>,
  timers: { processInstanceId: string; dueDate: string | null }[],
): Promise<string[]> {
  const missing: string[] = [];
  const dueByCase = new Map<string, Set<number>>();
  for (const t of timers) {
    const nr = keyOf.get(t.processInstanceId) ?? '';
    if (!dueByCase.has(nr)) dueByCase.set(nr, new Set());
    if (t.dueDate) dueByCase.get(nr)!.add(Date.parse(t.dueDate));
  }
  for (const name of variables) {
    const values = await admin.getAll<{ value: string | null; processInstanceId: string }>('/variable-instance', { variableName: name });
    const valueByCase = new Map<string, Set<number>>();
    for (const v of values) {
      const nr = keyOf.get(v.processInstanceId) ?? '';
      if (!v.value) continue;
      if (!valueByCase.has(nr)) valueByCase.set(nr, new Set());
      valueByCase.get(nr)!.add(Date.parse(v.value));
    }
    for (const nr of numbers) {
      const due = valueByCase.get(nr);
      if (!due || due.size === 0) {
        missing.push(`${nr}: no deadline ${name}`);
        continue;
      }
      for (const d of due) {
        if (!dueByCase.get(nr)?.has(d)) missing.push(`${nr}: deadline ${name} ${new Date(d).toISOString()} has no timer job`);
      }
    }
  }
  return missing;
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** One parseable line per test for the record (docs/tillforlitlighet.md). */
export function report(test: string, figures: Figures & Record<string, unknown>): void {
  process.stdout.write(`FAULT-RESULT ${JSON.stringify({ test, ...figures })}\n`);
}
