import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account, report } from './support/accountant.ts';
import { retryFailed, sendBurst } from './support/burst.ts';
import { underrattelser } from './support/notices.ts';
import { refusalKinds, unclearRefusals } from './support/outage.ts';
import { antal, TEST_TIMEOUT_MS, expectNothingLost, NOTICE_TIMERS, secondsSince } from './support/run.ts';
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
      let restarted: Promise<void> | undefined;
      let killedAt = 0;
      let backAt = 0;
      const burst = await sendBurst({
        uiUrl: stack.uiUrl,
        path: '/api/underrattelser',
        bodies: underrattelser(ANTAL, 'motor'),
        onAnswer: (answered) => {
          if (answered !== ANTAL / 2) return;
          restarted = (async () => {
            killedAt = Date.now();
            await stack.kill('engine');
            await stack.restart('engine');
            backAt = Date.now();
          })();
        },
      });
      await restarted;
      // Workers and UI must outlive the engine's absence; one that exited is started again, as compose would, and reported.
      const exited = await stack.restartExited();
      const unclear = unclearRefusals(burst.notices);
      const kinds = refusalKinds(burst.notices);
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
      report('motor-dodad', {
        ...result.figures,
        refusals: kinds,
        unclearRefusals: unclear.length,
        exitedDuringOutage: exited,
        burstSeconds: burst.seconds,
        downSeconds: (backAt - killedAt) / 1000,
        recoverySeconds: secondsSince(recovered),
      });
      expect.soft(exited, 'services that exited while the engine was away').toEqual([]);
      expect.soft(unclear.slice(0, 20), `${unclear.length} refusal(s) not 503 problem+json`).toEqual([]);
      expectNothingLost(result);
    },
    TEST_TIMEOUT_MS,
  );
});
