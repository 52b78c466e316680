import { EngineRestError, type EngineRest } from '../../engine-rest/client.ts';
import { oneStepProcess } from '../one-step-process.ts';
import { inParallel } from './stats.ts';

/**
 * The engine's own ceiling for external tasks on this machine: a no-op
 * process (one external task, topic bench-noop, which no worker subscribes
 * to), then plain fetchAndLock/complete loops with nothing but engine round
 * trips. What the workers reach in the burst is compared with this. The first
 * tenth (at most 200) is a warm-up, not timed: a freshly started engine runs
 * its first few hundred tasks markedly slower (JIT).
 */
export const NOOP_TOPIC = 'bench-noop';
const LOOPS = 4;
const MAX_TASKS = 8;

const XML = oneStepProcess(
  'bench-noop',
  'Benchmark: tom uppgift',
  `<bpmn:serviceTask id="Steg" name="Ingenting" camunda:type="external" camunda:topic="${NOOP_TOPIC}"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>`,
);

export interface Ceiling {
  tasks: number;
  seconds: number;
  perSecond: number;
  /** fetchAndLock answered 500 (competing fetchers, see docs/benchmarks.md). */
  conflicts: number;
}

/**
 * The loops fetch as the workers' own user, so the engine checks the same
 * authorizations for them as for the workers. The instances are started in
 * rounds of ROUND (untimed) and each round is drained (timed): the fetch query
 * grows with the number of waiting tasks, and the burst never has thousands
 * waiting on one topic.
 */
const ROUND = 100;

export async function measureCeiling(admin: EngineRest, worker: EngineRest, n: number): Promise<Ceiling> {
  const warmUp = Math.min(200, Math.ceil(n / 10));
  const form = new FormData();
  form.append('deployment-name', 'bench-noop');
  form.append('data', new Blob([XML], { type: 'application/xml' }), 'bench-noop.bpmn');
  await admin.postMultipart('/deployment/create', form);

  let completed = 0;
  let conflicts = 0;
  let timed = 0;
  for (let done = 0; done < warmUp + n; done += ROUND) {
    const round = Math.min(ROUND, warmUp + n - done);
    await inParallel(
      Array.from({ length: round }, (_, i) => i),
      16,
      async () => {
        await admin.post('/process-definition/key/bench-noop/start', {});
      },
    );
    const start = performance.now();
    await Promise.all(
      Array.from({ length: LOOPS }, async (_, loop) => {
        const workerId = `bench-noop-${loop}`;
        for (;;) {
          let tasks: { id: string }[];
          try {
            tasks = await worker.post('/external-task/fetchAndLock', {
              workerId,
              maxTasks: MAX_TASKS,
              topics: [{ topicName: NOOP_TOPIC, lockDuration: 60_000 }],
            });
          } catch (error) {
            if (error instanceof EngineRestError && error.status === 500) {
              conflicts += 1; // harmless: nothing was locked; fetch again
              continue;
            }
            throw error;
          }
          // Empty: whatever is left is locked by another loop, which completes it.
          if (tasks.length === 0) return;
          for (const task of tasks) {
            await worker.post(`/external-task/${task.id}/complete`, { workerId });
            completed += 1;
          }
        }
      }),
    );
    // The first rounds warm the engine up (JIT) and are not counted.
    if (done >= warmUp) timed += performance.now() - start;
  }
  const counted = warmUp + n - Math.ceil(warmUp / ROUND) * ROUND;
  if (completed !== warmUp + n) throw new Error(`ceiling: ${completed} of ${warmUp + n} no-op tasks completed`);
  const seconds = timed / 1000;
  return { tasks: counted, seconds, perSecond: counted / seconds, conflicts };
}
