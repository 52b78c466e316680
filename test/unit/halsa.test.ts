import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeService, type NodeService } from '../../scripts/node-service.ts';
import { readWorkerConfig } from '../../workers/config.ts';
import { bedomHalsa } from '../../workers/halsa.ts';
import { workerId } from '../../workers/polling.ts';
import { attrapp, ledigPort, runHealthcheck, tills } from '../support/halsa.ts';

/**
 * Issue 19: health checks that fail when a dependency is down. Without Docker,
 * the UI and the workers run here as compose runs them (their entry files, the
 * environment compose gives them), and compose's own health-check commands,
 * read from docker-compose.yml, ask them. The engine is a tiny HTTP server
 * standing in for its actuator and fetch-and-lock, or a port where nothing
 * listens; the database a port where nothing listens. That the checks pass
 * with the real engine and database is test/integration/halsa.test.ts.
 */
const started: NodeService[] = [];
const engines: { close(): void }[] = [];
const logDir = path.join(os.tmpdir(), `bokvar-halsa-${process.pid}`);

async function start(name: string, entry: string, env: Record<string, string>, readyLine: RegExp): Promise<void> {
  const service = await startNodeService({
    name,
    entry,
    env: { ...process.env, ...env },
    logFile: path.join(logDir, `${name}.log`),
    readyLine,
  });
  started.push(service);
}

afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  for (const e of engines) e.close();
  fs.rmSync(logDir, { recursive: true, force: true });
});

async function halsa(url: string): Promise<{ status: number; body: unknown }> {
  const r = await fetch(url);
  return { status: r.status, body: await r.json() };
}

describe("the UI's health check", { timeout: 60_000 }, () => {
  let motor: Awaited<ReturnType<typeof attrapp>>;
  const portMedMotor = { BOKVAR_UI_PORT: '' };
  const portUtanMotor = { BOKVAR_UI_PORT: '' };

  beforeAll(async () => {
    motor = await attrapp();
    engines.push(motor);
    const databas = `postgres://bokvar:x@127.0.0.1:${await ledigPort()}/bokvar`;
    // as in compose: the public address is the browsers', and nothing listens there for the UI
    const common = { BOKVAR_MILJO: 'produktion', BOKVAR_UI_PASSWORD: 'hemligt-ui', DATABASE_URL: databas, BOKVAR_LOG_LEVEL: 'info' };
    const publik = `http://localhost:${await ledigPort()}`;
    portMedMotor.BOKVAR_UI_PORT = String(await ledigPort());
    portUtanMotor.BOKVAR_UI_PORT = String(await ledigPort());
    await Promise.all([
      start(
        'ui-med-motor',
        'ui/main.ts',
        { ...common, ...portMedMotor, BOKVAR_ENGINE_URL: `${motor.url}/engine-rest`, BOKVAR_ENGINE_PUBLIC_URL: publik },
        /ui listening/,
      ),
      start(
        'ui-utan-motor',
        'ui/main.ts',
        {
          ...common,
          ...portUtanMotor,
          BOKVAR_ENGINE_URL: `http://127.0.0.1:${await ledigPort()}/engine-rest`,
          BOKVAR_ENGINE_PUBLIC_URL: publik,
        },
        /ui listening/,
      ),
    ]);
  }, 60_000);

  it('asks the engine at its internal address, and fails while the database is down', async () => {
    motor.lage = 'upp';
    expect(await halsa(`http://127.0.0.1:${portMedMotor.BOKVAR_UI_PORT}/halsa`)).toEqual({
      status: 503,
      body: { status: 'fel', databas: false, motor: true },
    });
    expect(await runHealthcheck('ui', portMedMotor)).toBe(1);
  });

  it('fails naming the engine when nothing listens at its address', async () => {
    expect(await halsa(`http://127.0.0.1:${portUtanMotor.BOKVAR_UI_PORT}/halsa`)).toEqual({
      status: 503,
      body: { status: 'fel', databas: false, motor: false },
    });
    expect(await runHealthcheck('ui', portUtanMotor)).toBe(1);
  });

  it("fails naming the engine when actuator says DOWN, or does not answer in time (within compose's 5 s)", async () => {
    for (const lage of ['nere', 'tyst'] as const) {
      motor.lage = lage;
      const t0 = Date.now();
      expect(await halsa(`http://127.0.0.1:${portMedMotor.BOKVAR_UI_PORT}/halsa`), lage).toMatchObject({
        status: 503,
        body: { motor: false },
      });
      expect(Date.now() - t0, lage).toBeLessThan(4000);
    }
    motor.lage = 'upp';
  });
});

describe("the workers' health check", { timeout: 60_000 }, () => {
  // short polls and a short window, so that the test need not wait a minute
  const snabbt = { BOKVAR_WORKER_LONG_POLL_MS: '1000', BOKVAR_WORKER_HALSA_MAX_SEKUNDER: '2', BOKVAR_LOG_LEVEL: 'info' };

  async function workers(name: string, engineUrl: string): Promise<Record<string, string>> {
    const env = {
      ...snabbt,
      BOKVAR_MILJO: 'produktion',
      BOKVAR_ENGINE_URL: engineUrl,
      DATABASE_URL: `postgres://bokvar:x@127.0.0.1:${await ledigPort()}/bokvar`,
      BOKVAR_WORKER_USER: 'bokvar-worker',
      BOKVAR_WORKER_PASSWORD: 'hemligt-worker',
      BOKVAR_WORKER_HALSA_PORT: String(await ledigPort()),
    };
    await start(name, 'workers/main.ts', env, /workers polling/);
    return env;
  }

  it('fails when no fetch from the engine has succeeded within the window (nothing listens there)', async () => {
    const env = await workers('workers-utan-motor', `http://127.0.0.1:${await ledigPort()}/engine-rest`);
    const url = `http://127.0.0.1:${env.BOKVAR_WORKER_HALSA_PORT}/halsa`;
    expect(
      await tills(
        () => halsa(url),
        (h) => h.status === 503,
        15_000,
      ),
    ).toEqual({ status: 503, body: { status: 'fel', motor: false } });
    expect(await runHealthcheck('workers', env)).toBe(1);
  });

  it('passes while fetches succeed, fails once the engine refuses them, and passes again when it is back', async () => {
    const motor = await attrapp();
    engines.push(motor);
    const env = await workers('workers-med-motor', `${motor.url}/engine-rest`);
    const url = `http://127.0.0.1:${env.BOKVAR_WORKER_HALSA_PORT}/halsa`;
    // past the window: only fetches that succeeded keep it healthy
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(motor.fetches).toBeGreaterThan(2);
    expect(await halsa(url)).toEqual({ status: 200, body: { status: 'ok', motor: true } });
    expect(await runHealthcheck('workers', env)).toBe(0);

    motor.lage = 'nere';
    expect(
      (
        await tills(
          () => halsa(url),
          (h) => h.status === 503,
          15_000,
        )
      ).status,
    ).toBe(503);
    expect(await runHealthcheck('workers', env)).toBe(1);

    motor.lage = 'upp';
    expect(
      (
        await tills(
          () => halsa(url),
          (h) => h.status === 200,
          20_000,
        )
      ).status,
    ).toBe(200);
    expect(await runHealthcheck('workers', env)).toBe(0);
  });
});

describe('the health rule and its settings', () => {
  const env = {
    BOKVAR_ENGINE_URL: 'http://127.0.0.1:8080/engine-rest',
    BOKVAR_WORKER_USER: 'bokvar-worker',
    BOKVAR_WORKER_PASSWORD: 'x',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bokvar',
  };

  it('is healthy when every fetch loop fetched within the window, or has every slot busy', () => {
    const now = 1_000_000;
    expect(bedomHalsa([{ name: 'steg', lastSuccess: now - 5000, full: false }], now, 6000)).toEqual({ status: 'ok', motor: true });
    expect(bedomHalsa([{ name: 'steg', lastSuccess: now - 7000, full: false }], now, 6000)).toEqual({ status: 'fel', motor: false });
    expect(bedomHalsa([{ name: 'brev', lastSuccess: now - 7000, full: true }], now, 6000).motor).toBe(true);
    expect(
      bedomHalsa(
        [
          { name: 'steg', lastSuccess: now, full: false },
          { name: 'brev', lastSuccess: now - 7000, full: false },
        ],
        now,
        6000,
      ).motor,
    ).toBe(false);
  });

  it('has no health port unless one is set (0: a free one), and a window of three long polls by default', () => {
    const standard = readWorkerConfig(env);
    expect(standard.BOKVAR_WORKER_HALSA_PORT).toBeUndefined();
    expect(standard.BOKVAR_WORKER_HALSA_MAX_SEKUNDER).toBe(60);
    expect(readWorkerConfig({ ...env, BOKVAR_WORKER_HALSA_PORT: '' }).BOKVAR_WORKER_HALSA_PORT).toBeUndefined();
    expect(readWorkerConfig({ ...env, BOKVAR_WORKER_HALSA_PORT: '0' }).BOKVAR_WORKER_HALSA_PORT).toBe(0);
    expect(readWorkerConfig({ ...env, BOKVAR_WORKER_LONG_POLL_MS: '30000' }).BOKVAR_WORKER_HALSA_MAX_SEKUNDER).toBe(90);
    expect(() => readWorkerConfig({ ...env, BOKVAR_WORKER_HALSA_PORT: '70000' })).toThrow(/BOKVAR_WORKER_HALSA_PORT/);
    // a window no longer than one idle long poll would fail healthy workers
    expect(() => readWorkerConfig({ ...env, BOKVAR_WORKER_HALSA_MAX_SEKUNDER: '20' })).toThrow(
      /BOKVAR_WORKER_HALSA_MAX_SEKUNDER: måste vara längre/,
    );
  });

  it('names each replica by its host name unless BOKVAR_WORKER_ID is set (in compose the process id is the same in every container)', () => {
    const config = readWorkerConfig(env);
    expect(workerId(config, 'a1b2c3d4e5f6', 1)).not.toBe(workerId(config, 'f6e5d4c3b2a1', 1));
    expect(workerId(config, 'a1b2c3d4e5f6', 1)).toBe('a1b2c3d4e5f6-1');
    expect(workerId(readWorkerConfig({ ...env, BOKVAR_WORKER_ID: 'replik-2' }), 'a1b2c3d4e5f6', 1)).toBe('replik-2');
  });
});
