import { accountNotices, NOTICE_PATH, noticeBurstWithOutage } from './support/notice-burst.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report } from './support/accountant.ts';
import { retryFailed } from './support/burst.ts';
import { refusalKinds, unclearRefusals } from './support/outage.ts';
import { antal, TEST_TIMEOUT_MS, expectNothingLost, secondsSince } from './support/run.ts';
import { startFaultStack, type FaultStack } from './support/stack.ts';

/**
 * Test 2: the engine is killed (SIGKILL) half-way through a burst of 500
 * notices and started again as an operator would. While it is away the intake
 * answers 503 problem+json and never 201 for a case it could not start; after
 * recovery every refused notice is sent again with the same body, and each
 * notice ends as exactly one case.
 */
const ANTAL = antal(500);
let stack: FaultStack;

beforeAll(async () => {
  stack = await startFaultStack({ test: 2 });
}, TEST_TIMEOUT_MS);
afterAll(async () => {
  await stack?.stop();
}, TEST_TIMEOUT_MS);

describe('engine killed mid-burst', () => {
  it(
    'answers 503 while the engine is away and ends with one case per notice',
    async () => {
      const burst = await noticeBurstWithOutage(stack, {
        count: ANTAL,
        tag: 'motor',
        outage: async () => {
          await stack.kill('engine');
          await stack.restart('engine');
        },
      });
      // Workers and UI must outlive the engine's absence; one that exited is started again, as compose would, and reported.
      const exited = await stack.restartExited();
      const unclear = unclearRefusals(burst.notices);
      const kinds = refusalKinds(burst.notices);
      await retryFailed(stack.uiUrl, NOTICE_PATH, burst.notices);

      const recovered = Date.now();
      const result = await accountNotices(stack, burst.notices);
      report('motor-dodad', {
        ...result.figures,
        refusals: kinds,
        unclearRefusals: unclear.length,
        exitedDuringOutage: exited,
        burstSeconds: burst.burstSeconds,
        downSeconds: burst.downSeconds,
        recoverySeconds: secondsSince(recovered),
      });
      expect.soft(exited, 'services that exited while the engine was away').toEqual([]);
      expect.soft(unclear.slice(0, 20), `${unclear.length} refusal(s) not 503 problem+json`).toEqual([]);
      expectNothingLost(result);
    },
    TEST_TIMEOUT_MS,
  );
});
