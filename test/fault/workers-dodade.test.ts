import { accountNotices, NOTICE_PATH, noticeBurstWithOutage } from './support/notice-burst.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report } from './support/accountant.ts';
import { accepted, retryFailed } from './support/burst.ts';
import { antal, TEST_TIMEOUT_MS, expectNothingLost, secondsSince, sleep } from './support/run.ts';
import { startFaultStack, type FaultStack } from './support/stack.ts';

/**
 * Test 1: the worker process is killed (SIGKILL) half-way through a burst of
 * 500 notices and started again 5 s later. Tasks it had locked come back when
 * their locks run out; every case still reaches a person, nothing twice.
 */
const ANTAL = antal(500);
let stack: FaultStack;

beforeAll(async () => {
  stack = await startFaultStack({ test: 1 });
}, TEST_TIMEOUT_MS);
afterAll(async () => {
  await stack?.stop();
}, TEST_TIMEOUT_MS);

describe('workers killed mid-burst', () => {
  it(
    'loses no notice, doubles no case or letter, leaves no deadline without its timer',
    async () => {
      const burst = await noticeBurstWithOutage(stack, {
        count: ANTAL,
        tag: 'workers',
        outage: async () => {
          await stack.kill({ workers: 0 });
          await sleep(5000);
          await stack.restart({ workers: 0 });
        },
      });
      // The intake does not need the workers: every notice is accepted at once.
      expect(
        burst.notices.filter((n) => !accepted(n.first)).map((n) => `${n.index}: ${n.first.status} ${JSON.stringify(n.first.body)}`),
      ).toEqual([]);
      await retryFailed(stack.uiUrl, NOTICE_PATH, burst.notices);

      const recovered = Date.now();
      const result = await accountNotices(stack, burst.notices);
      report('workers-dodade', {
        ...result.figures,
        burstSeconds: burst.burstSeconds,
        downSeconds: burst.downSeconds,
        recoverySeconds: secondsSince(recovered),
      });
      expectNothingLost(result);
    },
    TEST_TIMEOUT_MS,
  );
});
