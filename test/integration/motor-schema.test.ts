import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { EngineRest } from '../../engine-rest/client.ts';
import type { ProcessInstance } from '../../engine-rest/types.ts';
import { HISTORIK_TTL_STANDARD } from '../../domain/gallring.ts';
import { repoRoot } from '../../scripts/config.ts';
import { ensureDatabase, siblingDatabase } from '../../scripts/database.ts';
import { startEngine, type EngineOptions, type EngineProcess } from '../../scripts/engine-process.ts';
import { eventually, stack } from './support/engine.ts';
import { deployFixture, fixturesDir } from './support/fixtures.ts';

/**
 * Issue #19, schema management: production creates and upgrades the engine's
 * tables with the changelog the engine ships (BOKVAR_ENGINE_SCHEMA=liquibase), or
 * leaves them to the database administrator (manuell); never with the engine's
 * own schema-update. Each case starts an engine of its own (next to the test
 * stack's, on its port + 1) on a database of its own.
 */
const ENGINE_PORT = Number(process.env.BOKVAR_TEST_SCHEMA_ENGINE_PORT ?? Number(process.env.BOKVAR_TEST_ENGINE_PORT ?? 18080) + 1);
const logDir = path.join(process.env.BOKVAR_TEST_DATA_DIR ?? path.join(repoRoot, '.data', 'test'), 'logs');
const ENGINE_START_MS = 420_000;
const TOPIC = 'test-metrik-utan-worker';
/** The newest tag in the changelog of the engine this project builds (camunda-engine 7.24.0). */
const ENGINE_VERSION = '7.24.0';

function engineOn(databaseUrl: string, schema: EngineOptions['schema'], logName: string): Promise<EngineProcess> {
  const logFile = path.join(logDir, `${logName}.log`);
  fs.rmSync(logFile, { force: true });
  return startEngine({
    port: ENGINE_PORT,
    databaseUrl,
    readLogDatabaseUrl: stack().databaseUrl,
    admin: stack().admin,
    technicalUsers: { worker: stack().worker.user, ui: stack().ui.user },
    historyTimeToLive: HISTORIK_TTL_STANDARD,
    passwordPolicy: false,
    schema,
    logFile,
    startTimeoutMs: ENGINE_START_MS,
  });
}

/** The messages of an engine log: one JSON object a line (Elastic Common Schema). */
function logMessages(logName: string): string[] {
  return fs
    .readFileSync(path.join(logDir, `${logName}.log`), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      const event = JSON.parse(line) as { message?: string; error?: { message?: string } };
      return [event.message ?? '', event.error?.message ?? ''].join(' ');
    });
}

async function query<T>(databaseUrl: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const engineTables = async (databaseUrl: string) =>
  (await query<{ n: string }>(databaseUrl, "SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE 'act\\_%'"))[0]!.n;

const changelogTags = async (databaseUrl: string) =>
  (await query<{ tag: string }>(databaseUrl, 'SELECT tag FROM databasechangelog WHERE tag IS NOT NULL ORDER BY orderexecuted')).map(
    (r) => r.tag,
  );

/** Starts an instance that waits at an external task no worker serves. */
async function startWaiting(engine: EngineProcess): Promise<ProcessInstance> {
  const admin = new EngineRest(engine.restUrl, stack().admin);
  await deployFixture(path.join(fixturesDir, 'test-metrik.bpmn'), admin);
  return admin.post<ProcessInstance>('/process-definition/key/test-metrik-vantar/start', { businessKey: `SCHEMA-${Date.now()}` });
}

/** Completes the instance's external task as a worker would, and sees the instance end. */
async function completeWaiting(engine: EngineProcess, instance: ProcessInstance): Promise<void> {
  const admin = new EngineRest(engine.restUrl, stack().admin);
  const [task] = await admin.post<{ id: string }[]>('/external-task/fetchAndLock', {
    workerId: 'schema-test',
    maxTasks: 1,
    topics: [{ topicName: TOPIC, lockDuration: 60_000, businessKey: instance.businessKey }],
  });
  expect(task).toBeDefined();
  await admin.post(`/external-task/${task!.id}/complete`, { workerId: 'schema-test' });
  const ended = await eventually('the finished instance', async () => {
    const [historic] = await admin.get<{ state: string }[]>('/history/process-instance', { processInstanceId: instance.id });
    return historic?.state === 'COMPLETED' ? historic : undefined;
  });
  expect(ended.state).toBe('COMPLETED');
}

describe('the engine schema in production (BOKVAR_ENGINE_SCHEMA)', () => {
  const fresh = () => siblingDatabase(stack().engineDatabaseUrl, '_schema');
  const createdByEngine = () => siblingDatabase(stack().engineDatabaseUrl, '_schema_auto');

  it(
    'manuell: refuses to start without the engine tables, says why, and creates none',
    async () => {
      await ensureDatabase(fresh(), true);
      const outcome = await engineOn(fresh(), 'manuell', 'motor-schema-manuell').then(
        async (engine) => {
          await engine.stop();
          return 'started';
        },
        (error: unknown) => String(error),
      );
      expect(outcome).toMatch(/Motorn avslutades/);
      expect(logMessages('motor-schema-manuell').join('\n')).toContain('Motorns tabeller saknas i databasen');
      expect(Number(await engineTables(fresh()))).toBe(0);
    },
    ENGINE_START_MS + 60_000,
  );

  it(
    'liquibase: creates the schema on an empty database, comes up healthy and runs a process',
    async () => {
      await ensureDatabase(fresh(), true);
      const engine = await engineOn(fresh(), 'liquibase', 'motor-schema-liquibase');
      try {
        expect((await fetch(`${engine.baseUrl}/actuator/health`)).status).toBe(200);
        const tags = await changelogTags(fresh());
        expect(tags[0]).toBe('7.16.0');
        expect(tags.at(-1)).toBe(ENGINE_VERSION);
        expect(logMessages('motor-schema-liquibase').some((m) => m.includes('7.16.0-baseline'))).toBe(true);
        await completeWaiting(engine, await startWaiting(engine));
      } finally {
        await engine.stop();
      }
    },
    ENGINE_START_MS + 120_000,
  );

  it(
    'liquibase: takes over a schema the engine created itself (schema-update), keeping its instances',
    async () => {
      await ensureDatabase(createdByEngine(), true);
      const auto = await engineOn(createdByEngine(), 'auto', 'motor-schema-auto');
      let waiting: ProcessInstance;
      try {
        waiting = await startWaiting(auto);
      } finally {
        await auto.stop();
      }
      expect(await changelogTags(createdByEngine()).catch((error: unknown) => String(error))).toMatch(/databasechangelog/);

      const engine = await engineOn(createdByEngine(), 'liquibase', 'motor-schema-overtagen');
      try {
        const messages = logMessages('motor-schema-overtagen');
        // Marked as run up to the schema's version, not run again: the baseline would fail on existing tables.
        expect(messages.some((m) => m.includes(`markeras som körd till och med ${ENGINE_VERSION}`))).toBe(true);
        expect(messages.some((m) => m.includes('Running Changeset'))).toBe(false);
        expect((await changelogTags(createdByEngine())).at(-1)).toBe(ENGINE_VERSION);
        await completeWaiting(engine, waiting);
      } finally {
        await engine.stop();
      }
    },
    2 * ENGINE_START_MS + 120_000,
  );
});
