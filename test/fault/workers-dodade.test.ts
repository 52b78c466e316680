import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account, report } from './support/accountant.ts';
import { accepted, retryFailed, sendBurst } from './support/burst.ts';
import { underrattelser } from './support/notices.ts';
import { antal, TEST_TIMEOUT_MS, expectNothingLost, NOTICE_TIMERS, secondsSince, sleep } from './support/run.ts';
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
      let killed: Promise<void> | undefined;
      let killedAt = 0;
      let backAt = 0;
      const burst = await sendBurst({
        uiUrl: stack.uiUrl,
        path: '/api/underrattelser',
        bodies: underrattelser(ANTAL, 'workers'),
        onAnswer: (answered) => {
          if (answered !== ANTAL / 2) return;
          killed = (async () => {
            killedAt = Date.now();
            await stack.kill({ workers: 0 });
            await sleep(5000);
            await stack.restart({ workers: 0 });
            backAt = Date.now();
          })();
        },
      });
      await killed;
      // The intake does not need the workers: every notice is accepted at once.
      expect(
        burst.notices.filter((n) => !accepted(n.first)).map((n) => `${n.index}: ${n.first.status} ${JSON.stringify(n.first.body)}`),
      ).toEqual([]);
      await retryFailed(stack.uiUrl, '/api/underrattelser', burst.notices);

      const recovered = Date.now();
      const result = await account({
        admin: stack.admin,
        databaseUrl: stack.databaseUrl,
        notices: burst.notices,
        processKey: 'hot-om-avhysning',
        tokenVariable: 'beskrivning',
        timerVariables: NOTICE_TIMERS,
      });
      report('workers-dodade', {
        ...result.figures,
        burstSeconds: burst.seconds,
        downSeconds: (backAt - killedAt) / 1000,
        recoverySeconds: secondsSince(recovered),
      });
      expectNothingLost(result);
    },
    TEST_TIMEOUT_MS,
  );
});
