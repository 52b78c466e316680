import knex from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineRest } from '../../engine-rest/client.ts';
import { retryOnConcurrentModification } from '../../engine-rest/concurrency.ts';
import { toVariables } from '../../engine-rest/variables.ts';
import { account, report } from './support/accountant.ts';
import { accepted, retryFailed, sendBurst } from './support/burst.ts';
import { kronofogdeMeddelanden } from './support/notices.ts';
import { antal, TEST_TIMEOUT_MS, expectNothingLost, KRONOFOGDEN_TIMERS, secondsSince, sleep } from './support/run.ts';
import { startFaultStack, type FaultStack } from './support/stack.ts';

/**
 * Test 4: 30 notices from Kronofogden; the coordinators name a caseworker in
 * each, and the worker process is killed (SIGKILL) while the confirmation
 * letters are being written, then started again 5 s later. Each case ends
 * with exactly the two confirmation letters: to Kronofogden and the copy to
 * the tenant, none twice.
 */
const ANTAL = antal(30);
let stack: FaultStack;

beforeAll(async () => {
  stack = await startFaultStack({ test: 4 });
}, TEST_TIMEOUT_MS);
afterAll(async () => {
  await stack?.stop();
}, TEST_TIMEOUT_MS);

interface Task {
  id: string;
  processInstanceId: string;
  taskDefinitionKey: string;
}

describe('workers killed while the confirmation letters are written', () => {
  it(
    'ends with exactly two confirmation letters per case',
    async () => {
      const burst = await sendBurst({
        uiUrl: stack.uiUrl,
        path: '/api/kronofogden-meddelanden',
        bodies: kronofogdeMeddelanden(ANTAL, 'brev'),
      });
      await retryFailed(stack.uiUrl, '/api/kronofogden-meddelanden', burst.notices);
      expect(burst.notices.filter((n) => !accepted(n.first)).map((n) => n.first.status)).toEqual([]);
      const instances = new Set(burst.notices.map((n) => n.first.body.processInstanceId as string));

      // Every case's confirmation task, completed by a coordinator naming the caseworker, eight at a time.
      const stina = new EngineRest(stack.running.engineRestUrl, { user: 'stina', password: 'stina' });
      const deadline = Date.now() + 180_000;
      let tasks: Task[] = [];
      while (Date.now() < deadline) {
        tasks = (await stack.admin.getAll<Task>('/task', { taskDefinitionKey: 'BekraftaTillKronofogden' })).filter((t) =>
          instances.has(t.processInstanceId),
        );
        if (tasks.length === ANTAL) break;
        await sleep(2000);
      }
      expect(tasks).toHaveLength(ANTAL);
      const db = knex({ client: 'pg', connection: stack.databaseUrl, pool: { min: 0, max: 1 } });
      const letterCount = async () =>
        Number((await db('brev').where({ typ: 'bekraftelse-kronofogden' }).count<{ count: string }[]>('* as count'))[0]!.count);
      try {
        let next = 0;
        await Promise.all(
          Array.from({ length: 8 }, async () => {
            for (let t = tasks[next++]; t; t = tasks[next++]) {
              const task = t;
              await stina.post(`/task/${task.id}/claim`, { userId: 'stina' });
              await retryOnConcurrentModification(
                () =>
                  stina.post(`/task/${task.id}/complete`, {
                    variables: toVariables({ ansvarigHandlaggare: 'Vera Vuxenenheten', ansvarigHandlaggareTelefon: '031-365 00 00' }),
                  }),
                8,
              );
            }
          }),
        );

        // Killed once the first letters are in the archive, while the rest are being written.
        const writing = Date.now() + 120_000;
        let before = 0;
        while (Date.now() < writing && (before = await letterCount()) < 4) await sleep(250);
        const killedAt = Date.now();
        await stack.kill({ workers: 0 });
        const atKill = await letterCount();
        await sleep(5000);
        await stack.restart({ workers: 0 });
        const backAt = Date.now();

        const recovered = Date.now();
        const result = await account({
          admin: stack.admin,
          databaseUrl: stack.databaseUrl,
          notices: burst.notices,
          processKey: 'kronofogden-avhysning',
          tokenVariable: 'malnummer',
          timerVariables: KRONOFOGDEN_TIMERS,
        });
        // The letter step may still be catching up after the locks ran out: wait for all 60.
        const letters = Date.now() + 120_000;
        while (Date.now() < letters && (await letterCount()) < 2 * ANTAL) await sleep(1000);
        const perCase = await db('brev')
          .where({ typ: 'bekraftelse-kronofogden' })
          .groupBy('arendenummer')
          .select('arendenummer', db.raw(`array_agg(mottagare ORDER BY mottagare) AS mottagare`));
        const wrong = perCase.filter((c: { mottagare: string[] }) => c.mottagare.join(',') !== 'hyresgast,kronofogden');
        report('kronofogden-brev', {
          ...result.figures,
          lettersBeforeKill: before,
          lettersAtKill: atKill,
          confirmationLetters: await letterCount(),
          casesWithWrongLetters: wrong.length,
          downSeconds: (backAt - killedAt) / 1000,
          recoverySeconds: secondsSince(recovered),
        });
        expect(atKill, 'the kill came while letters were being written').toBeLessThan(2 * ANTAL);
        expect(wrong).toEqual([]);
        expect(perCase).toHaveLength(ANTAL);
        expectNothingLost(result);
      } finally {
        await db.destroy();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
