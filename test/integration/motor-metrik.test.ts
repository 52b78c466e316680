import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessInstance } from '../../engine-rest/types.ts';
import { cancelInstance, engineAsAdmin, eventually, stack, uniqueCaseNumber } from './support/engine.ts';
import { deployFixture, fixturesDir } from './support/fixtures.ts';

/**
 * Issue #19, metrics: the engine's /actuator/prometheus on the real stack, behind
 * BOKVAR_METRIK_TOKEN, with the engine's own gauges moving as the engine's state
 * does. The gauges are counted afresh every 15 s (bokvar.metrik.intervall-sekunder),
 * so each change is awaited. The topic below has no worker: its tasks wait.
 */
const TOPIC = 'test-metrik-utan-worker';
const GAUGE_WAIT_MS = 60_000;

const prometheusUrl = () => `${stack().engineBaseUrl}/actuator/prometheus`;

async function scrape(): Promise<string> {
  const response = await fetch(prometheusUrl(), { headers: { authorization: `Bearer ${stack().metrikToken}` } });
  expect(response.status).toBe(200);
  return response.text();
}

/** A sample's value in the Prometheus text format; undefined when the series is absent. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const series = labels === '' ? name : `${name}{${labels}}`;
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Waits until a gauge satisfies `ok`, and returns its value then. */
async function gaugeUntil(name: string, labels: string, ok: (value: number) => boolean): Promise<number> {
  const found = await eventually(
    `${name}{${labels}}`,
    async () => {
      const value = sample(await scrape(), name, labels) ?? 0;
      return ok(value) ? { value } : undefined;
    },
    GAUGE_WAIT_MS,
  );
  return found.value;
}

const waiting = (ok: (value: number) => boolean) => gaugeUntil('bokvar_engine_external_tasks_waiting', `topic="${TOPIC}"`, ok);

const started: ProcessInstance[] = [];

async function start(key: string): Promise<ProcessInstance> {
  const instance = await engineAsAdmin().post<ProcessInstance>(`/process-definition/key/${key}/start`, {
    businessKey: uniqueCaseNumber('METRIK'),
  });
  started.push(instance);
  return instance;
}

beforeAll(async () => {
  await deployFixture(path.join(fixturesDir, 'test-metrik.bpmn'));
});

afterAll(async () => {
  for (const instance of started) await cancelInstance(instance.id, { skipCustomListeners: true }).catch(() => undefined);
});

describe('the engine metrics endpoint', () => {
  it('answers only the bearer token: 401 without it or with another, 200 with it', async () => {
    expect((await fetch(prometheusUrl())).status).toBe(401);
    expect((await fetch(prometheusUrl(), { headers: { authorization: 'Bearer fel-token' } })).status).toBe(401);
    expect((await fetch(prometheusUrl(), { headers: { authorization: `Basic ${btoa('demo:demo')}` } })).status).toBe(401);
    const response = await fetch(prometheusUrl(), { headers: { authorization: `Bearer ${stack().metrikToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('leaves the health check open', async () => {
    expect((await fetch(`${stack().engineBaseUrl}/actuator/health`)).status).toBe(200);
  });
});

describe("the engine's gauges", () => {
  it('count the external tasks waiting on a topic, and not the one a worker has locked', async () => {
    const before = await waiting(() => true);
    for (let i = 0; i < 3; i++) await start('test-metrik-vantar');
    expect(await waiting((v) => v === before + 3)).toBe(before + 3);

    const locked = await engineAsAdmin().post<{ id: string }[]>('/external-task/fetchAndLock', {
      workerId: 'metrik-test',
      maxTasks: 1,
      topics: [{ topicName: TOPIC, lockDuration: 300_000 }],
    });
    expect(locked).toHaveLength(1);
    expect(await waiting((v) => v === before + 2)).toBe(before + 2);
  });

  it('count an open incident, and no longer once it is gone', async () => {
    const incidentsBefore = await gaugeUntil('bokvar_engine_incidents_open', '', () => true);
    const instance = await start('test-metrik-vantar');
    const [task] = await engineAsAdmin().post<{ id: string }[]>('/external-task/fetchAndLock', {
      workerId: 'metrik-test',
      maxTasks: 1,
      topics: [{ topicName: TOPIC, lockDuration: 300_000, businessKey: instance.businessKey }],
    });
    await engineAsAdmin().post(`/external-task/${task!.id}/failure`, {
      workerId: 'metrik-test',
      errorMessage: 'metriktest',
      retries: 0,
      retryTimeout: 0,
    });
    const withIncident = await gaugeUntil('bokvar_engine_incidents_open', '', (v) => v >= incidentsBefore + 1);

    await cancelInstance(instance.id, { skipCustomListeners: true });
    expect(await gaugeUntil('bokvar_engine_incidents_open', '', (v) => v <= withIncident - 1)).toBeLessThan(withIncident);
  });

  it('count a job with no retries left as failed', async () => {
    const failedBefore = await gaugeUntil('bokvar_engine_jobs_failed', '', () => true);
    const instance = await start('test-metrik-jobbfel');
    // The job runs three times (R2/PT1S: two retries a second apart), then has no retries left.
    await eventually(
      'the failed job',
      async () => {
        const jobs = await engineAsAdmin().get<{ retries: number }[]>('/job', { processInstanceId: instance.id });
        return jobs.find((j) => j.retries === 0);
      },
      GAUGE_WAIT_MS,
    );
    expect(await gaugeUntil('bokvar_engine_jobs_failed', '', (v) => v >= failedBefore + 1)).toBeGreaterThanOrEqual(failedBefore + 1);
  });

  it('are all four in the scrape, each a number', async () => {
    const text = await scrape();
    for (const name of ['bokvar_engine_incidents_open', 'bokvar_engine_jobs_due', 'bokvar_engine_jobs_failed']) {
      expect(text).toContain(`# TYPE ${name} gauge`);
      expect(sample(text, name)).toBeGreaterThanOrEqual(0);
    }
    expect(text).toContain('# TYPE bokvar_engine_external_tasks_waiting gauge');
    // The requests' own metrics name no instance or case: a label holds a route pattern, never a concrete path.
    expect(text).not.toMatch(/="[^"]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
    expect(text).not.toContain('METRIK-');
    expect(sample(text, 'bokvar_engine_external_tasks_waiting', `topic="${TOPIC}"`)).toBeGreaterThanOrEqual(0);
  });
});
