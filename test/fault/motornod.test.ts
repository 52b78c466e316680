import path from 'node:path';
import knex, { type Knex } from 'knex';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineRest, EngineRestError } from '../../engine-rest/client.ts';
import { readStackConfig, repoRoot, type StackConfig } from '../../scripts/config.ts';
import { startStack, type RunningStack } from '../../scripts/stack.ts';
import { importScenarioPeople } from '../integration/support/fixtures.ts';
import { basic, underrattelse } from '../integration/support/ui.ts';
import { skickaSkur, type Skur } from './motornod/skur.ts';

/**
 * Issue 17, item 3: two engine nodes on one PostgreSQL behind HAProxy. A burst
 * of notices runs while one node is killed (SIGKILL); the other node finishes
 * every case, each timer fires exactly once, nothing is lost, and the node
 * comes back. Its own stack, ports and database: BOKVAR_MOTORNOD_ENGINE_PORT
 * (HAProxy; the nodes take the next two), BOKVAR_MOTORNOD_UI_PORT,
 * BOKVAR_MOTORNOD_PG_PORT, BOKVAR_MOTORNOD_DATA_DIR, and
 * BOKVAR_MOTORNOD_DATABASE_URL (else database bokvar_motornod on the server of
 * BOKVAR_TEST_DATABASE_URL, else the embedded PostgreSQL).
 */
const ANTAL = 200;
const PARALLELLT = 8;
/** The node dies after this many accepted notices: mid-burst. */
const DOR_EFTER = 60;
const DODA_NODEN = 0; // motor-1: also the workers' first choice for external tasks, the harder loss

const env = process.env;
const dataDir = env.BOKVAR_MOTORNOD_DATA_DIR ?? path.join(repoRoot, '.data', 'test-motornod');

function databaseUrl(): string | undefined {
  if (env.BOKVAR_MOTORNOD_DATABASE_URL) return env.BOKVAR_MOTORNOD_DATABASE_URL;
  if (!env.BOKVAR_TEST_DATABASE_URL) return undefined;
  const url = new URL(env.BOKVAR_TEST_DATABASE_URL);
  url.pathname = '/bokvar_motornod';
  return url.toString();
}

let config: StackConfig;
let stack: RunningStack;
let engine: EngineRest;
let db: Knex;
let skur: Skur;
let dodadesVid = 0;

beforeAll(async () => {
  env.BOKVAR_WORKER_RETRY_BASE_MS ??= '500';
  config = readStackConfig({
    ...env,
    BOKVAR_MILJO: 'utveckling',
    DATABASE_URL: databaseUrl(),
    BOKVAR_ENGINE_DATABASE_URL: undefined,
    BOKVAR_ENGINE_PORT: env.BOKVAR_MOTORNOD_ENGINE_PORT ?? '23080',
    BOKVAR_UI_PORT: env.BOKVAR_MOTORNOD_UI_PORT ?? '23300',
    BOKVAR_EMBEDDED_PG_PORT: env.BOKVAR_MOTORNOD_PG_PORT ?? '54343',
    BOKVAR_DATA_DIR: dataDir,
    BOKVAR_MOTORER: '2',
    BOKVAR_WORKER_REPLICAS: '1',
  });
  stack = await startStack({
    config,
    recreateDatabases: true,
    logDir: path.join(dataDir, 'logs'),
    log: (line) => process.stdout.write(`[motornod] ${line}\n`),
  });
  engine = new EngineRest(stack.engineRestUrl, config.admin);
  db = knex({ client: 'pg', connection: stack.databaseUrl, pool: { min: 0, max: 2 } });
  await importScenarioPeople(stack.databaseUrl);
});

afterAll(async () => {
  await db?.destroy();
  await stack?.stop();
});

async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Retries an engine call that a concurrent step of the same instance may refuse (optimistic locking). */
async function samtidigtSakert<T>(call: () => Promise<T>): Promise<T> {
  for (let forsok = 1; ; forsok += 1) {
    try {
      return await call();
    } catch (error) {
      const samtidig =
        error instanceof EngineRestError && /OptimisticLocking|concurrently|persistence layer/.test(`${error.engineType} ${error.message}`);
      if (!samtidig || forsok >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

interface HistoricInstance {
  id: string;
  businessKey: string | null;
  processDefinitionKey: string;
}
interface TimerJob {
  id: string;
  processInstanceId: string;
  dueDate: string;
}

const accepted = () => skur.utfall.filter((u) => u.arendenummer !== undefined);

/** The case number of every instance (the call activities carry the case's business key). */
async function arendeAvInstans(): Promise<Map<string, string>> {
  const instanser = await engine.getAll<HistoricInstance>('/history/process-instance');
  return new Map(instanser.filter((i) => i.businessKey).map((i) => [i.id, i.businessKey!]));
}

async function timersPerArende(activityId: string): Promise<Map<string, TimerJob[]>> {
  const [jobs, arende] = await Promise.all([engine.getAll<TimerJob>('/job', { timers: true, activityId }), arendeAvInstans()]);
  const perArende = new Map<string, TimerJob[]>();
  for (const job of jobs) {
    const nr = arende.get(job.processInstanceId);
    if (nr) perArende.set(nr, [...(perArende.get(nr) ?? []), job]);
  }
  return perArende;
}

/**
 * Moves a timer's due date into the past and waits until a job executor (on
 * whichever node) has run it: then the timer has fired exactly once, by the
 * history of its activity, its job log and the task it opens.
 */
async function loserUtOchRaknas(nummer: string[]): Promise<string[]> {
  const timers = await timersPerArende('TvaVeckor');
  const jobb = nummer.map((nr) => {
    const [job] = timers.get(nr) ?? [];
    if (!job) throw new Error(`no TvaVeckor timer in ${nr}`);
    return job;
  });
  const forfallen = DateTime.now().minus({ minutes: 1 }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZZ");
  for (const job of jobb) await samtidigtSakert(() => engine.put(`/job/${job.id}/duedate`, { duedate: forfallen }));

  const noder: string[] = [];
  for (const job of jobb) {
    const logg = await eventually(
      `the job executor to run timer ${job.id}`,
      async () => {
        const lyckade = await engine.get<{ hostname: string }[]>('/history/job-log', { jobId: job.id, successLog: true });
        return lyckade.length > 0 ? lyckade : undefined;
      },
      180_000,
    );
    noder.push(...logg.map((l) => l.hostname));
  }
  // a second executor had every chance to run them again
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  for (const job of jobb) {
    const lyckade = await engine.get<unknown[]>('/history/job-log', { jobId: job.id, successLog: true });
    expect(lyckade, `timer ${job.id} succeeded once`).toHaveLength(1);
    const fired = await engine.get<unknown[]>('/history/activity-instance', {
      processInstanceId: job.processInstanceId,
      activityId: 'TvaVeckor',
    });
    expect(fired, `TvaVeckor fired once in ${job.processInstanceId}`).toHaveLength(1);
    const paminnelser = await engine.get<unknown[]>('/history/task', {
      processInstanceId: job.processInstanceId,
      taskDefinitionKey: 'PaminnelseForhandsbedomning',
    });
    expect(paminnelser, `one reminder in ${job.processInstanceId}`).toHaveLength(1);
    expect(await engine.get<unknown[]>('/job', { jobId: job.id })).toEqual([]);
  }
  return noder;
}

describe('two engine nodes behind HAProxy, one killed mid-burst', () => {
  it('runs both nodes behind one address', async () => {
    expect(stack.pids.engines).toHaveLength(2);
    expect(stack.engineNodeUrls).toEqual([`http://127.0.0.1:${config.enginePort + 1}`, `http://127.0.0.1:${config.enginePort + 2}`]);
    for (const url of stack.engineNodeUrls) expect((await fetch(`${url}/actuator/health`)).status).toBe(200);
    // the webapps' sticky-session cookie is set by HAProxy
    const welcome = await fetch(`${stack.engineBaseUrl}${config.motor.webappPath}/app/welcome/default/`, { redirect: 'manual' });
    expect(welcome.headers.getSetCookie().some((c) => /^BOKVAR_MOTOR=motor-[12];/.test(c))).toBe(true);
  });

  it('accepts every notice of a burst while a node dies', async () => {
    const kroppar = Array.from({ length: ANTAL }, () => underrattelse());
    const startad = Date.now();
    skur = await skickaSkur({
      url: `${stack.uiUrl}/api/underrattelser`,
      authorization: basic('vera').Authorization!,
      kroppar,
      parallellt: PARALLELLT,
      efterGodkand: (antal) => {
        if (antal === DOR_EFTER) {
          process.kill(stack.pids.engines[DODA_NODEN]!, 'SIGKILL');
          dodadesVid = Date.now();
        }
      },
    });
    const sekunder = (Date.now() - startad) / 1000;
    const forstaSvar = skur.utfall.map((u) => u.svar[0]!);
    process.stdout.write(
      `[motornod] skur: ${ANTAL} underrättelser på ${sekunder.toFixed(1)} s; svar ${JSON.stringify(skur.statusar)}; ` +
        `första svar 201: ${forstaSvar.filter((s) => s === 201).length}; omförsök: ${skur.utfall.filter((u) => u.svar.length > 1).length}\n`,
    );
    expect(dodadesVid).toBeGreaterThan(0);
    expect(accepted()).toHaveLength(ANTAL);
    expect(new Set(accepted().map((u) => u.arendenummer)).size).toBe(ANTAL);
  });

  it('has exactly one case row and one process instance per accepted notice, and no other', async () => {
    const nummer = accepted().map((u) => u.arendenummer!);
    const rader = await db('arenden').select<{ arendenummer: string; process_instance_id: string | null }[]>(
      'arendenummer',
      'process_instance_id',
    );
    expect(rader.map((r) => r.arendenummer).sort()).toEqual([...nummer].sort());
    const instanser = await engine.getAll<HistoricInstance>('/history/process-instance', { processDefinitionKey: 'hot-om-avhysning' });
    expect(instanser.map((i) => i.businessKey).sort()).toEqual([...nummer].sort());
    const instansAv = new Map(instanser.map((i) => [i.businessKey, i.id]));
    for (const u of accepted()) {
      expect(u.processInstanceId, u.arendenummer).toBe(instansAv.get(u.arendenummer!));
      expect(rader.find((r) => r.arendenummer === u.arendenummer)?.process_instance_id).toBe(u.processInstanceId);
    }
  });

  it('brings every case to its first user task and sets the timers of its deadlines', async () => {
    const nummer = new Set(accepted().map((u) => u.arendenummer!));
    const saknas = async (taskKey: string) => {
      const [uppgifter, arende] = await Promise.all([
        engine.getAll<{ processInstanceId: string }>('/history/task', { taskDefinitionKey: taskKey }),
        arendeAvInstans(),
      ]);
      const med = new Set(uppgifter.map((t) => arende.get(t.processInstanceId)));
      return [...nummer].filter((nr) => !med.has(nr));
    };
    await eventually('every case at Aktualisera', async () => (await saknas('Aktualisera')).length === 0, 300_000);
    process.stdout.write(
      `[motornod] alla ${nummer.size} ärenden vid Aktualisera ${((Date.now() - dodadesVid) / 1000).toFixed(0)} s efter att noden dog\n`,
    );

    // the förhandsbedömning clock (two and four weeks) and the återvinningsfrist: one timer each, per case
    for (const timer of ['TvaVeckor', 'FyraVeckor', 'AtervinningsfristenUte']) {
      const perArende = await eventually(
        `a ${timer} timer in every case`,
        async () => {
          const t = await timersPerArende(timer);
          return [...nummer].every((nr) => t.has(nr)) ? t : undefined;
        },
        120_000,
      );
      for (const nr of nummer) expect(perArende.get(nr), `${timer} in ${nr}`).toHaveLength(1);
    }
  });

  it('fires a due timer exactly once on the surviving node', async () => {
    const noder = await loserUtOchRaknas(
      accepted()
        .slice(0, 10)
        .map((u) => u.arendenummer!),
    );
    process.stdout.write(`[motornod] timers medan motor-1 var död, körda av: ${JSON.stringify(count(noder))}\n`);
    expect(new Set(noder)).toEqual(new Set(['motor-2']));
  });

  it('takes the node back, and both nodes fire each due timer exactly once', async () => {
    await stack.restart.engine(DODA_NODEN);
    expect((await fetch(`${stack.engineNodeUrls[DODA_NODEN]}/actuator/health`)).status).toBe(200);
    // HAProxy sees it again after two good checks
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const noder = await loserUtOchRaknas(
      accepted()
        .slice(10, 40)
        .map((u) => u.arendenummer!),
    );
    process.stdout.write(`[motornod] timers med båda noderna, körda av: ${JSON.stringify(count(noder))}\n`);
    for (const n of noder) expect(['motor-1', 'motor-2']).toContain(n);

    // a new notice through the same addresses runs as before
    const svar = await fetch(`${stack.uiUrl}/api/underrattelser`, {
      method: 'POST',
      headers: { ...basic('vera'), 'Content-Type': 'application/json' },
      body: JSON.stringify(underrattelse()),
    });
    expect(svar.status).toBe(201);
  });

  it('leaves no incident', async () => {
    expect(await engine.get<{ count: number }>('/incident/count')).toEqual({ count: 0 });
    expect(await engine.get<{ count: number }>('/history/incident/count')).toEqual({ count: 0 });
  });
});

function count(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
