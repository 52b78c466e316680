import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The workers' metrics for Prometheus (docs/drift/metrik.md), served on the
 * health server's `GET /metrics`. Labels are topic names only: never a case
 * number, a task id or anything from a task's variables.
 */

/** How a task ended, as the engine took it (workers/run-safely.ts). */
export type TaskUtfall = 'completed' | 'failed' | 'bpmnError';

/** What runSafely reports after each task; a process without metrics passes none. */
export interface TaskMetrik {
  /** `utfall` undefined: the engine did not take the report (lock lost, engine away); only the time counts. */
  uppgiftKlar(topic: string, utfall: TaskUtfall | undefined, sekunder: number): void;
}

export interface WorkerMetrik extends TaskMetrik {
  registry: Registry;
}

/**
 * Handler times: quick steps (register look-ups, deadlines) take milliseconds,
 * letters (PDF writing) seconds, and a step over a minute outlives its lock.
 */
const SEKUNDER = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export function createWorkerMetrik(topics: string[]): WorkerMetrik {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const completed = new Counter({
    name: 'bokvar_worker_tasks_completed_total',
    help: 'Tasks completed in the engine, per topic.',
    labelNames: ['topic'] as const,
    registers: [registry],
  });
  const failed = new Counter({
    name: 'bokvar_worker_tasks_failed_total',
    help: 'Tasks reported as failed (handleFailure: a retry later, or an incident when none are left), per topic.',
    labelNames: ['topic'] as const,
    registers: [registry],
  });
  const bpmnError = new Counter({
    name: 'bokvar_worker_tasks_bpmn_error_total',
    help: 'Tasks that ended in a BPMN error (a business outcome the model routes), per topic.',
    labelNames: ['topic'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'bokvar_worker_handler_duration_seconds',
    help: 'Time from a fetched task reaching its handler to its report to the engine, per topic.',
    labelNames: ['topic'] as const,
    buckets: SEKUNDER,
    registers: [registry],
  });
  // Every topic's series exist from the start, at zero: rate() and alerts see a failure's first increase.
  for (const topic of topics) {
    for (const counter of [completed, failed, bpmnError]) counter.inc({ topic }, 0);
    duration.zero({ topic });
  }
  const counters: Record<TaskUtfall, Counter<'topic'>> = { completed, failed, bpmnError };
  return {
    registry,
    uppgiftKlar(topic, utfall, sekunder) {
      duration.observe({ topic }, sekunder);
      if (utfall) counters[utfall].inc({ topic });
    },
  };
}
