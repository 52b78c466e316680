import path from 'node:path';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/config.ts';
import { startNodeService, type NodeService } from '../../scripts/node-service.ts';
import { engineAsAdmin, eventually, stack } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import { kronofogdeMeddelande, ui, underrattelse } from './support/ui.ts';

/**
 * Issue 16: a second worker process beside the stack's own, both fetching every
 * topic. A burst of notices runs through without an incident, every case
 * reaches a person, each letter is written once, and both processes did work.
 */
let db: Knex;
let second: NodeService;
const ANTAL = 24;

beforeAll(async () => {
  db = knex({ client: 'pg', connection: stack().databaseUrl, pool: { min: 0, max: 2 } });
  await importScenarioPeople(stack().databaseUrl);
  second = await startNodeService({
    name: 'workers-2',
    entry: 'workers/main.ts',
    env: {
      ...process.env,
      BOKVAR_ENGINE_URL: stack().engineRestUrl,
      DATABASE_URL: stack().databaseUrl,
      BOKVAR_WORKER_USER: stack().worker.user,
      BOKVAR_WORKER_PASSWORD: stack().worker.password,
      BOKVAR_WORKER_ID: 'test-replik-2',
    },
    logFile: path.join(process.env.BOKVAR_TEST_DATA_DIR ?? path.join(repoRoot, '.data', 'test'), 'logs', 'workers-2.log'),
    readyLine: /workers polling/,
  });
}, 60_000);

afterAll(async () => {
  await second?.stop();
  await db?.destroy();
});

describe('two worker processes', () => {
  it('run a burst without duplicates or incidents', async () => {
    const started = new Date();
    const svar = await Promise.all(
      Array.from({ length: ANTAL }, (_, i) =>
        ui('POST', i % 3 === 0 ? '/api/kronofogden-meddelanden' : '/api/underrattelser', {
          user: 'vera',
          body: i % 3 === 0 ? kronofogdeMeddelande() : underrattelse(),
        }),
      ),
    );
    expect(svar.map((s) => s.status)).toEqual(Array(ANTAL).fill(201));
    const nummer = svar.map((s) => s.body.arendenummer as string);

    // every case reaches a person
    for (const nr of nummer) {
      await eventually(`a user task in ${nr}`, () => engineAsAdmin().get<unknown[]>('/task', { processInstanceBusinessKey: nr }), 60_000);
    }
    // no incident in any of them
    for (const nr of nummer) {
      const instanser = await engineAsAdmin().get<{ id: string }[]>('/history/process-instance', { processInstanceBusinessKey: nr });
      for (const i of instanser)
        expect(await engineAsAdmin().get<unknown[]>('/history/incident', { processInstanceId: i.id }), nr).toEqual([]);
    }
    // each letter once: one archived letter per external task and recipient
    const dubbletter = await db('brev')
      .whereIn('arendenummer', nummer)
      .groupBy('external_task_id', 'mottagare')
      .havingRaw('count(*) > 1')
      .select('external_task_id');
    expect(dubbletter).toEqual([]);
    // and both processes took tasks
    const logg = await engineAsAdmin().getAll<{ workerId: string; timestamp: string }>('/history/external-task-log', { successLog: true });
    const arbetare = new Set(logg.filter((l) => new Date(l.timestamp) >= started).map((l) => l.workerId.split('-').slice(0, -1).join('-')));
    expect(arbetare.size).toBeGreaterThanOrEqual(2);
    expect([...arbetare]).toContain('bokvar-test-replik-2');
  }, 180_000);
});
