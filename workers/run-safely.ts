import { Variables, type Handler, type Task, type TaskService } from 'camunda-external-task-client-js';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { CONCURRENT_CHANGE } from '../engine-rest/concurrency.ts';
import { COULD_NOT_REPORT, INVALID_INPUT, InvalidInputError, TECHNICAL_FAILURE, truncate } from './errors.ts';
import type { TaskMetrik, TaskUtfall } from './metrik.ts';
import type { TopicOutcome, TopicWorker } from './topic.ts';

export interface RetryPolicy {
  /** Attempts before a technical failure becomes an incident. */
  retries: number;
  /** Pause before the first retry; doubles with each further attempt. */
  baseTimeoutMs: number;
}

/**
 * Wraps a topic handler so that every task ends explicitly: completed, routed
 * as a BPMN error, or failed. A handler that throws would otherwise be dropped
 * silently by the client and come back only when its lock expires.
 *  - invalid input: an incident at once, naming each variable (retrying cannot fix data);
 *  - technical failure: retried with back-off, then an incident.
 */
export function runSafely(worker: TopicWorker, policy: RetryPolicy, logger: Logger, metrik?: TaskMetrik): Handler {
  const run = runTask(worker, policy, logger);
  if (!metrik) return async (args) => void (await run(args));
  // Every topic's task passes here, whatever its handler does: the one place to count and time them.
  return async (args) => {
    const start = performance.now();
    const utfall = await run(args);
    metrik.uppgiftKlar(worker.topic, utfall, (performance.now() - start) / 1000);
  };
}

/** One task from handler to report; how it ended, as the engine took it (undefined: the report did not reach it). */
function runTask(
  worker: TopicWorker,
  policy: RetryPolicy,
  logger: Logger,
): (args: Parameters<Handler>[0]) => Promise<TaskUtfall | undefined> {
  return async ({ task, taskService }) => {
    const log = logger.child({
      topic: worker.topic,
      taskId: task.id,
      processInstanceId: task.processInstanceId,
      arende: task.businessKey ?? undefined,
    });
    const input = worker.input.safeParse(task.variables.getAll());
    if (!input.success) {
      const problems = describeIssues(input.error);
      log.warn({ problems: input.error.issues.map((i) => i.path.join('.')) }, 'invalid input, incident raised');
      const reported = await report(log, () =>
        taskService.handleFailure(task, {
          errorMessage: truncate(`${INVALID_INPUT}: ${problems}`),
          errorDetails: problems,
          retries: 0,
          retryTimeout: 0,
        }),
      );
      return reported ? 'failed' : undefined;
    }

    let outcome: TopicOutcome;
    try {
      outcome = await worker.handle(input.data, {
        taskId: task.id,
        processInstanceId: task.processInstanceId,
        businessKey: task.businessKey,
        log,
        extendLock: (durationMs) => taskService.extendLock(task, durationMs),
      });
    } catch (error) {
      if (error instanceof InvalidInputError) {
        log.warn('invalid input found by the handler, incident raised');
        const reported = await report(log, () =>
          taskService.handleFailure(task, {
            errorMessage: truncate(`${INVALID_INPUT}: ${error.message}`),
            errorDetails: error.message,
            retries: 0,
            retryTimeout: 0,
          }),
        );
        return reported ? 'failed' : undefined;
      }
      return (await failTechnically(task, taskService, policy, log, error)) ? 'failed' : undefined;
    }

    if (outcome.kind === 'complete') {
      if (!(await report(log, () => taskService.complete(task, toVariables(outcome.variables))))) return undefined;
      log.info('completed');
      return 'completed';
    }
    const routed = await report(log, () =>
      taskService.handleBpmnError(task, outcome.errorCode, outcome.message, toVariables(outcome.variables ?? {})),
    );
    if (!routed) return undefined;
    log.info({ errorCode: outcome.errorCode }, 'business outcome routed as BPMN error');
    return 'bpmnError';
  };
}

/** True when the engine took the failure. */
async function failTechnically(task: Task, taskService: TaskService, policy: RetryPolicy, log: Logger, error: unknown): Promise<boolean> {
  const retriesLeft = Math.max((task.retries ?? policy.retries) - 1, 0);
  const attempt = policy.retries - retriesLeft;
  const retryTimeout = retriesLeft > 0 ? policy.baseTimeoutMs * 2 ** Math.max(attempt - 1, 0) : 0;
  const reason = error instanceof Error ? error.message : String(error);
  log.error(
    { retriesLeft, retryTimeout, err: error instanceof Error ? { name: error.name, message: reason } : reason },
    'technical failure',
  );
  return report(log, () =>
    taskService.handleFailure(task, {
      errorMessage: truncate(`${TECHNICAL_FAILURE}: ${reason}`),
      errorDetails: error instanceof Error ? (error.stack ?? reason) : reason,
      retries: retriesLeft,
      retryTimeout,
    }),
  );
}

/**
 * The engine refused because a parallel path of the case (another worker, a
 * timer, Tasklist) changed the same instance at that moment. It changed nothing,
 * so the same report can be sent again; otherwise the task would wait, locked,
 * until its lock ran out.
 */
export function isConcurrentChange(error: unknown): boolean {
  const status = (error as { httpStatusCode?: number } | null)?.httpStatusCode;
  return status === 500 && error instanceof Error && CONCURRENT_CHANGE.test(error.message);
}

/** Reports the task's end to the engine; true when the engine took it. */
async function report(log: Logger, call: () => Promise<void>): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await call();
      return true;
    } catch (error) {
      if (attempt < 5 && isConcurrentChange(error)) {
        await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
        continue;
      }
      log.warn({ err: error instanceof Error ? error.message : String(error) }, COULD_NOT_REPORT);
      return false;
    }
  }
}

function toVariables(values: Record<string, unknown>): Variables {
  const variables = new Variables();
  for (const [name, value] of Object.entries(values)) variables.set(name, value);
  return variables;
}

/** "variabel: problem; variabel: problem" — never the values themselves. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(indata)'}: ${issue.message}`).join('; ');
}
