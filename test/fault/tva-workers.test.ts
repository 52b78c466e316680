import { accountNotices } from './support/notice-burst.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report } from './support/accountant.ts';
import { accepted, retryFailed, sendBurst } from './support/burst.ts';
import { underrattelser } from './support/notices.ts';
import { antal, TEST_TIMEOUT_MS, expectNothingLost, secondsSince } from './support/run.ts';
import { startFaultStack, type FaultStack } from './support/stack.ts';

/**
 * Test 5: two worker processes (BOKVAR_WORKER_REPLICAS=2) compete for every
 * topic through a burst of 300 notices: nothing is done twice, nothing left,
 * and both did work.
 */
const ANTAL = antal(300);
let stack: FaultStack;

beforeAll(async () => {
  stack = await startFaultStack({ test: 5, workerReplicas: 2 });
}, TEST_TIMEOUT_MS);
afterAll(async () => {
  await stack?.stop();
}, TEST_TIMEOUT_MS);

describe('two worker processes', () => {
  it(
    'share the work without doubling or losing any of it',
    async () => {
      expect(stack.pids.workers).toHaveLength(2);
      const started = new Date();
      const burst = await sendBurst({ uiUrl: stack.uiUrl, path: '/api/underrattelser', bodies: underrattelser(ANTAL, 'tva') });
      expect(burst.notices.filter((n) => !accepted(n.first)).map((n) => `${n.index}: ${n.first.status}`)).toEqual([]);
      await retryFailed(stack.uiUrl, '/api/underrattelser', burst.notices);

      const recovered = Date.now();
      const result = await accountNotices(stack, burst.notices);
      // Which process did each step: the worker id is <user>-<host or id>-<n>; both must appear on every busy topic.
      const log = await stack.admin.getAll<{ workerId: string; topicName: string; timestamp: string }>('/history/external-task-log', {
        successLog: true,
      });
      const byTopic: Record<string, Record<string, number>> = {};
      for (const l of log.filter((l) => new Date(l.timestamp) >= started)) {
        byTopic[l.topicName] ??= {};
        byTopic[l.topicName]![l.workerId] = (byTopic[l.topicName]![l.workerId] ?? 0) + 1;
      }
      report('tva-workers', {
        ...result.figures,
        burstSeconds: burst.seconds,
        recoverySeconds: secondsSince(recovered),
        workersPerTopic: byTopic,
      });
      expectNothingLost(result);
      for (const [topic, workers] of Object.entries(byTopic)) {
        if (Object.values(workers).reduce((a, b) => a + b, 0) >= 20) expect(Object.keys(workers).length, `workers on ${topic}`).toBe(2);
      }
    },
    TEST_TIMEOUT_MS,
  );
});
