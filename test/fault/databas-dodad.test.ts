import { accountNotices, NOTICE_PATH, noticeBurstWithOutage } from './support/notice-burst.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report } from './support/accountant.ts';
import { retryFailed } from './support/burst.ts';
import { refusalKinds, unclearRefusals } from './support/outage.ts';
import { antal, TEST_TIMEOUT_MS, expectNothingLost, secondsSince, sleep } from './support/run.ts';
import { startFaultStack, type FaultStack } from './support/stack.ts';

/**
 * Test 3: the embedded PostgreSQL server's postmaster (pid from its
 * postmaster.pid) is killed (SIGKILL) half-way through a burst of 300 notices
 * and the server started again on the same data, as an operator would. Engine,
 * workers and UI stay up and must find the database again by themselves.
 * While it is away the intake answers 503 problem+json; refused notices are
 * sent again after recovery, and each notice ends as exactly one case.
 */
const ANTAL = antal(300);
let stack: FaultStack;

beforeAll(async () => {
  stack = await startFaultStack({ test: 3 });
}, TEST_TIMEOUT_MS);
afterAll(async () => {
  await stack?.stop();
}, TEST_TIMEOUT_MS);

describe('database killed mid-burst', () => {
  it(
    'answers 503 while the database is away and ends with one case per notice',
    async () => {
      const burst = await noticeBurstWithOutage(stack, {
        count: ANTAL,
        tag: 'databas',
        outage: async () => {
          await stack.kill('database');
          await sleep(5000);
          await stack.restart('database');
        },
      });
      // Workers and UI must outlive the database's absence; one that exited is started again, as compose would, and reported.
      const exited = await stack.restartExited();
      const unclear = unclearRefusals(burst.notices);
      const kinds = refusalKinds(burst.notices);
      // The engine and the UI find the database again on their own; give their pools a moment.
      await sleep(10_000);
      await retryFailed(stack.uiUrl, NOTICE_PATH, burst.notices);

      const recovered = Date.now();
      const result = await accountNotices(stack, burst.notices);
      report('databas-dodad', {
        ...result.figures,
        refusals: kinds,
        unclearRefusals: unclear.length,
        exitedDuringOutage: exited,
        burstSeconds: burst.burstSeconds,
        downSeconds: burst.downSeconds,
        recoverySeconds: secondsSince(recovered),
      });
      expect.soft(exited, 'services that exited while the database was away').toEqual([]);
      expect.soft(unclear.slice(0, 20), `${unclear.length} refusal(s) not 503 problem+json`).toEqual([]);
      expectNothingLost(result);
    },
    TEST_TIMEOUT_MS,
  );
});
