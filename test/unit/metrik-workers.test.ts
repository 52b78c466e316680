import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { metrikBehorighet } from '../../domain/metrik-token.ts';
import { InvalidInputError } from '../../workers/errors.ts';
import { startHalsaServer, type HalsaServer } from '../../workers/halsa.ts';
import { createWorkerMetrik } from '../../workers/metrik.ts';
import { runSafely } from '../../workers/run-safely.ts';
import { defineTopic, type TopicOutcome } from '../../workers/topic.ts';

/**
 * Issue 19, item 3: every task passes runSafely, which counts how it ended (as
 * the engine took it) and times it per topic; the health server serves the
 * figures on GET /metrics behind BOKVAR_METRIK_TOKEN.
 */
const log = pino({ level: 'silent' });
const policy = { retries: 3, baseTimeoutMs: 100 };

function topic(name: string, handle: () => Promise<TopicOutcome>) {
  return defineTopic({ topic: name, lockDurationMs: 1000, input: z.object({ belopp: z.number().optional() }), handle });
}

function task(variables: Record<string, unknown> = {}) {
  return { id: 't1', processInstanceId: 'p1', businessKey: 'BV-2026-000001', retries: null, variables: { getAll: () => variables } };
}

/** A task service as the client gives one; `refuse` makes the engine refuse every report (a lost lock). */
function taskService(refuse = false) {
  const calls: string[] = [];
  const call = (name: string) => async () => {
    calls.push(name);
    if (refuse) throw Object.assign(new Error('Response code 404; External task with id t1 does not exist'), { httpStatusCode: 404 });
  };
  return { calls, complete: call('complete'), handleFailure: call('handleFailure'), handleBpmnError: call('handleBpmnError') };
}

async function value(metrik: ReturnType<typeof createWorkerMetrik>, name: string, labels: Record<string, string>): Promise<number> {
  // A histogram's _count and _bucket series are values of the histogram, named by metricName.
  const values = (await metrik.registry.getMetricsAsJSON()).flatMap((m) =>
    m.values.map((v) => ({ ...v, name: (v as { metricName?: string }).metricName ?? m.name })),
  );
  const match = values.find((v) => v.name === name && Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  if (!match) throw new Error(`no ${name} ${JSON.stringify(labels)}`);
  return match.value;
}

describe('counting tasks per topic', () => {
  it('counts completed, BPMN-errored and failed tasks and times each, per topic', async () => {
    const metrik = createWorkerMetrik(['klar', 'affar', 'trasig', 'ogiltig']);
    const run = (t: ReturnType<typeof topic>, variables = {}) =>
      runSafely(t, policy, log, metrik)({ task: task(variables), taskService: taskService() } as never);
    await run(topic('klar', async () => ({ kind: 'complete', variables: {} })));
    await run(topic('klar', async () => ({ kind: 'complete', variables: {} })));
    await run(topic('affar', async () => ({ kind: 'bpmnError', errorCode: 'PersonSaknas', message: 'saknas' })));
    await run(
      topic('trasig', async () => {
        throw new Error('registret svarar inte');
      }),
    );
    await run(
      topic('ogiltig', async () => {
        throw new InvalidInputError('datum');
      }),
    );
    // input the schema refuses: an incident before the handler runs
    await run(
      topic('ogiltig', async () => ({ kind: 'complete', variables: {} })),
      { belopp: 'mycket' },
    );

    expect(await value(metrik, 'bokvar_worker_tasks_completed_total', { topic: 'klar' })).toBe(2);
    expect(await value(metrik, 'bokvar_worker_tasks_bpmn_error_total', { topic: 'affar' })).toBe(1);
    expect(await value(metrik, 'bokvar_worker_tasks_failed_total', { topic: 'trasig' })).toBe(1);
    expect(await value(metrik, 'bokvar_worker_tasks_failed_total', { topic: 'ogiltig' })).toBe(2);
    expect(await value(metrik, 'bokvar_worker_tasks_completed_total', { topic: 'affar' })).toBe(0);
    expect(await value(metrik, 'bokvar_worker_handler_duration_seconds_count', { topic: 'klar' })).toBe(2);
    expect(await value(metrik, 'bokvar_worker_handler_duration_seconds_count', { topic: 'ogiltig' })).toBe(2);
  });

  it('counts no outcome the engine did not take, but times the task', async () => {
    const metrik = createWorkerMetrik(['klar']);
    const service = taskService(true);
    await runSafely(
      topic('klar', async () => ({ kind: 'complete', variables: {} })),
      policy,
      log,
      metrik,
    )({ task: task(), taskService: service } as never);
    expect(service.calls).toEqual(['complete']);
    expect(await value(metrik, 'bokvar_worker_tasks_completed_total', { topic: 'klar' })).toBe(0);
    expect(await value(metrik, 'bokvar_worker_handler_duration_seconds_count', { topic: 'klar' })).toBe(1);
  });

  it('has every topic’s series from the start, at zero, with default process metrics beside them', async () => {
    const text = await createWorkerMetrik(['berakna-frister', 'brev']).registry.metrics();
    expect(text).toContain('bokvar_worker_tasks_failed_total{topic="brev"} 0');
    expect(text).toContain('bokvar_worker_tasks_completed_total{topic="berakna-frister"} 0');
    expect(text).toContain('bokvar_worker_handler_duration_seconds_bucket{le="0.005",topic="brev"} 0');
    expect(text).toMatch(/^process_cpu_seconds_total /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
  });
});

describe('the bearer token', () => {
  it('turns metrics off without a token, refuses a missing or wrong one, and lets the right one in', () => {
    expect(metrikBehorighet(undefined, 'Bearer x')).toBe('av');
    expect(metrikBehorighet('', 'Bearer ')).toBe('av');
    expect(metrikBehorighet('hemlig-token', undefined)).toBe('nekad');
    expect(metrikBehorighet('hemlig-token', 'Basic aGVtbGlnLXRva2Vu')).toBe('nekad');
    expect(metrikBehorighet('hemlig-token', 'Bearer hemlig-toke')).toBe('nekad');
    expect(metrikBehorighet('hemlig-token', 'Bearer hemlig-token-och-mer')).toBe('nekad');
    expect(metrikBehorighet('hemlig-token', 'Bearer hemlig-token')).toBe('tillaten');
    expect(metrikBehorighet('hemlig-token', 'bearer hemlig-token')).toBe('tillaten');
  });
});

describe('GET /metrics on the workers’ health server', () => {
  const servers: HalsaServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });
  const start = async (token: string | undefined) => {
    const metrik = createWorkerMetrik(['brev']);
    const server = await startHalsaServer(0, () => ({ status: 'ok', motor: true }), log, {
      token,
      contentType: metrik.registry.contentType,
      text: () => metrik.registry.metrics(),
    });
    servers.push(server);
    return `http://127.0.0.1:${server.port}`;
  };

  it('answers 404 when BOKVAR_METRIK_TOKEN is unset, as if there were no such path', async () => {
    const url = await start(undefined);
    expect((await fetch(`${url}/metrics`, { headers: { Authorization: 'Bearer x' } })).status).toBe(404);
    expect((await fetch(`${url}/halsa`)).status).toBe(200);
  });

  it('answers 401 without the token or with another, and the figures with it', async () => {
    const url = await start('s3kret-token-for-prometheus');
    const utan = await fetch(`${url}/metrics`);
    expect(utan.status).toBe(401);
    expect(utan.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await fetch(`${url}/metrics`, { headers: { Authorization: 'Bearer fel' } })).status).toBe(401);
    const med = await fetch(`${url}/metrics`, { headers: { Authorization: 'Bearer s3kret-token-for-prometheus' } });
    expect(med.status).toBe(200);
    expect(med.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await med.text()).toContain('bokvar_worker_tasks_completed_total{topic="brev"} 0');
    // the health check is not behind the token
    expect((await fetch(`${url}/halsa`)).status).toBe(200);
  });
});
