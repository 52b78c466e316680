import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isConcurrentChange, runSafely } from '../../workers/run-safely.ts';
import { defineTopic } from '../../workers/topic.ts';

const log = pino({ level: 'silent' });
const worker = defineTopic({
  topic: 'prov',
  lockDurationMs: 1000,
  input: z.object({}),
  handle: async () => ({ kind: 'complete', variables: { klart: true } }),
});
const task = { id: 't1', processInstanceId: 'p1', businessKey: 'BV-2026-000001', retries: null, variables: { getAll: () => ({}) } };

/** An error as camunda-external-task-client-js throws it from complete() (EngineError). */
const engineError = (status: number, message: string, type = 'ProcessEngineException') =>
  Object.assign(new Error(`Response code ${status} (Server Error); Error: ${message}; Type: ${type}; Code: 1`), { httpStatusCode: status });

function taskService(failures: Error[]) {
  const calls: string[] = [];
  return {
    calls,
    complete: async () => {
      calls.push('complete');
      const next = failures.shift();
      if (next) throw next;
    },
    handleFailure: async () => void calls.push('handleFailure'),
    handleBpmnError: async () => void calls.push('handleBpmnError'),
    extendLock: async () => undefined,
  };
}

describe('reporting a finished task', () => {
  it('sends the complete again when a parallel path changed the instance at that moment', async () => {
    const service = taskService([
      engineError(
        500,
        "ENGINE-03005 Execution of 'UPDATE ExecutionEntity[x]' failed. Entity was updated by another transaction concurrently.",
      ),
    ]);
    await runSafely(worker, { retries: 3, baseTimeoutMs: 100 }, log)({ task, taskService: service } as never);
    expect(service.calls).toEqual(['complete', 'complete']);
  });

  it('does not repeat other refusals (the lock is gone, the task is unknown)', async () => {
    const service = taskService([engineError(404, 'External task with id t1 does not exist')]);
    await runSafely(worker, { retries: 3, baseTimeoutMs: 100 }, log)({ task, taskService: service } as never);
    expect(service.calls).toEqual(['complete']);
  });

  it('knows a concurrent change by status and text only', () => {
    expect(
      isConcurrentChange(engineError(500, 'Entity was updated by another transaction concurrently', 'OptimisticLockingException')),
    ).toBe(true);
    expect(isConcurrentChange(engineError(500, 'NullPointerException'))).toBe(false);
    expect(isConcurrentChange(new Error('updated by another transaction concurrently'))).toBe(false);
  });
});
