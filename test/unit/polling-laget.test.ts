import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readWorkerConfig } from '../../workers/config.ts';
import { startPolling, type Polling } from '../../workers/polling.ts';
import { defineTopic } from '../../workers/topic.ts';

/**
 * What the fetch loops tell the health check and the shutdown, against a tiny
 * engine that hands over one task and then has nothing more. With every slot
 * busy the client says 'poll:start' without fetching; counting those as fetches
 * in flight made a stopping process wait its whole drain time for fetches that
 * never were.
 */
let server: http.Server | undefined;
let polling: Polling | undefined;
afterAll(() => {
  polling?.stop();
  server?.closeAllConnections();
  server?.close();
});

describe('the fetch loops, every slot busy', () => {
  it('count no fetch in flight while they only wait for a slot, report full, and record the last fetch', async () => {
    let fetches = 0;
    let completed = false;
    server = http.createServer((req, res) => {
      req.resume();
      if (req.url === '/engine-rest/external-task/fetchAndLock') {
        fetches += 1;
        const tasks =
          fetches === 1
            ? [{ id: 'task-1', topicName: 'vanta', processInstanceId: 'pi-1', businessKey: null, retries: null, variables: {} }]
            : [];
        return void setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(tasks)), 50);
      }
      if (req.url === '/engine-rest/external-task/task-1/complete') {
        completed = true;
        return void res.writeHead(204).end();
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const config = readWorkerConfig({
      BOKVAR_ENGINE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/engine-rest`,
      BOKVAR_WORKER_USER: 'bokvar-worker',
      BOKVAR_WORKER_PASSWORD: 'x',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/ingen',
      BOKVAR_WORKER_MAX_PARALLEL: '1',
      BOKVAR_WORKER_LONG_POLL_MS: '1000',
    });
    let release = () => {};
    const running = new Promise<void>((resolve) => (release = resolve));
    const vanta = defineTopic({
      topic: 'vanta',
      lockDurationMs: 10_000,
      input: z.object({}),
      handle: async () => {
        await running;
        return { kind: 'complete', variables: {} };
      },
    });
    const fore = Date.now();
    polling = startPolling([vanta], config, { retries: 1, baseTimeoutMs: 100 }, pino({ level: 'silent' }));
    const until = async (what: () => boolean) => {
      for (let i = 0; i < 100 && !what(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    };

    await until(() => polling!.active() === 1);
    const [steg] = polling.groups();
    expect(steg).toMatchObject({ name: 'steg', full: true });
    expect(steg!.lastSuccess).toBeGreaterThanOrEqual(fore);
    // the client tries for a slot every busy interval (50 ms): none of those is a fetch
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fetches).toBe(1);
    expect(polling.pollsInFlight()).toBe(0);

    release();
    await until(() => completed && polling!.active() === 0 && fetches > 1);
    expect(completed).toBe(true);
    expect(polling.groups()[0]!.full).toBe(false);
    polling.stop();
    // the last fetch sent returns (an empty long poll): then nothing is in flight
    await until(() => polling!.pollsInFlight() === 0);
    expect(polling.pollsInFlight()).toBe(0);
  });
});
