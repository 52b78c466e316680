import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/config.ts';
import { startNodeService, type NodeService } from '../../scripts/node-service.ts';
import { stack } from './support/engine.ts';
import { ledigPort, runHealthcheck, tills } from '../support/halsa.ts';

/**
 * Issue 19: compose's own health-check commands (read from docker-compose.yml)
 * pass against the real stack: the UI with the real engine and database, and a
 * worker process once its fetches from the real engine succeed. That they fail
 * when a dependency is down is test/unit/halsa.test.ts and otillganglig.test.ts.
 */
let worker: NodeService | undefined;

afterAll(async () => {
  await worker?.stop();
});

describe('health checks on the real stack', () => {
  it("the UI's passes: it reaches the engine at BOKVAR_ENGINE_URL and its database", async () => {
    const r = await fetch(`${stack().uiUrl}/halsa`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok', databas: true, motor: true });
    expect(await runHealthcheck('ui', { BOKVAR_UI_PORT: new URL(stack().uiUrl).port })).toBe(0);
  });

  it("a worker process's passes while its fetches from the engine succeed, past its window", async () => {
    const env = {
      BOKVAR_ENGINE_URL: stack().engineRestUrl,
      DATABASE_URL: stack().databaseUrl,
      BOKVAR_WORKER_USER: stack().worker.user,
      BOKVAR_WORKER_PASSWORD: stack().worker.password,
      BOKVAR_WORKER_ID: 'test-halsa',
      // idle long polls of 2 s, a window of 4 s: only fetches that keep succeeding keep it healthy
      BOKVAR_WORKER_LONG_POLL_MS: '2000',
      BOKVAR_WORKER_HALSA_MAX_SEKUNDER: '4',
      BOKVAR_WORKER_HALSA_PORT: String(await ledigPort()),
    };
    worker = await startNodeService({
      name: 'workers-halsa',
      entry: 'workers/main.ts',
      env: { ...process.env, ...env },
      logFile: path.join(process.env.BOKVAR_TEST_DATA_DIR ?? path.join(repoRoot, '.data', 'test'), 'logs', 'workers-halsa.log'),
      readyLine: /workers polling/,
    });
    const halsa = async () => {
      const r = await fetch(`http://127.0.0.1:${env.BOKVAR_WORKER_HALSA_PORT}/halsa`);
      return { status: r.status, body: (await r.json()) as unknown };
    };
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(await tills(halsa, (h) => h.status === 200, 5000)).toEqual({ status: 200, body: { status: 'ok', motor: true } });
    expect(await runHealthcheck('workers', env)).toBe(0);
  });
});
