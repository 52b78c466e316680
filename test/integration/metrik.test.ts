import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, stack, startProcess, uniqueCaseNumber } from './support/engine.ts';
import { deployFixture, fixturesDir, importScenarioPeople } from './support/fixtures.ts';
import { ui, underrattelse } from './support/ui.ts';

/**
 * Issue 19, item 3: Prometheus scrapes the UI's and the workers' /metrics on the
 * real stack with BOKVAR_METRIK_TOKEN (the test stack sets one) and finds the
 * named metrics, moved by a real scenario: notices through the intake (one
 * refused), the workers' steps (completed, a business outcome routed as a BPMN
 * error, an incident), and case pages by number. (404 without a token is
 * test/unit/metrik-ui.test.ts and metrik-workers.test.ts.)
 */
const uiMetrics = () => `${stack().uiUrl}/metrics`;
const workerMetrics = () => `${stack().workerHalsaUrl}/metrics`;

async function scrape(url: string): Promise<string> {
  const r = await fetch(url, { headers: { Authorization: `Bearer ${stack().metrikToken}` } });
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
  return r.text();
}

/** One sample's value by its name and exact labels as Prometheus' text format writes them. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Every label value in a scrape. */
function labelValues(text: string): string[] {
  return [...text.matchAll(/\w+="((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
}

beforeAll(async () => {
  await importScenarioPeople(stack().databaseUrl);
  await deployFixture(path.join(fixturesDir, 'test-walking-skeleton.bpmn'));
});

describe('the endpoints are behind the token', () => {
  for (const [name, url] of [
    ['UI', uiMetrics],
    ['workers', workerMetrics],
  ] as const) {
    it(`${name}: 401 without a token or with another, 200 with it`, async () => {
      expect((await fetch(url())).status).toBe(401);
      expect((await fetch(url(), { headers: { Authorization: 'Bearer inte-rätt' } })).status).toBe(401);
      expect((await fetch(url(), { headers: { Authorization: `Basic ${Buffer.from('demo:demo').toString('base64')}` } })).status).toBe(401);
      await scrape(url());
    });
  }
});

describe('a scenario moves the named metrics', () => {
  let arende: string;
  let uiFore: string;
  let workersFore: string;

  beforeAll(async () => {
    // The stack (and its workers' counters) is shared with the files before this one: count what this scenario adds.
    uiFore = await scrape(uiMetrics());
    workersFore = await scrape(workerMetrics());
    // a notice through the intake, which the workers take through folkbokföring and the deadlines
    const r = await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    arende = r.body.arendenummer;
    // a refused one
    const fel = await ui('POST', '/api/underrattelser', {
      user: 'vera',
      body: underrattelse({ hyresgast: { namn: 'Utan Personnummer' } }),
    });
    expect(fel.status).toBe(400);
    // a tenant missing from the register: folkbokföring routes it as a BPMN error (PersonSaknas)
    const saknas = await ui('POST', '/api/underrattelser', {
      user: 'vera',
      body: underrattelse({ hyresgast: { personnummer: '196001011235', namn: 'Dan Saknad' } }),
    });
    expect(saknas.status).toBe(201);
    // input that cannot be right: an incident at once (handleFailure)
    await startProcess('test-walking-skeleton', uniqueCaseNumber(), { mottagen: '2026-13-45' });
    // the case page by its number, as a caseworker opens it
    expect((await ui('GET', `/api/arenden/${arende}`, { user: 'vera' })).status).toBe(200);
  });

  it('workers: tasks completed, BPMN-errored and failed per topic, with handler times, and process metrics', async () => {
    const text = await eventually(
      'the workers to have done the steps',
      async () => {
        const t = await scrape(workerMetrics());
        const okning = (series: string) => (sample(t, series) ?? 0) - (sample(workersFore, series) ?? 0);
        const done =
          okning('bokvar_worker_tasks_completed_total{topic="folkbokforing"}') > 0 &&
          okning('bokvar_worker_tasks_completed_total{topic="berakna-frister"}') > 0 &&
          okning('bokvar_worker_tasks_bpmn_error_total{topic="folkbokforing"}') > 0 &&
          okning('bokvar_worker_tasks_failed_total{topic="berakna-frister"}') > 0;
        return done ? t : undefined;
      },
      90_000,
    );
    expect(sample(text, 'bokvar_worker_handler_duration_seconds_count{topic="folkbokforing"}')).toBeGreaterThan(
      sample(workersFore, 'bokvar_worker_handler_duration_seconds_count{topic="folkbokforing"}') ?? 0,
    );
    expect(sample(text, 'bokvar_worker_handler_duration_seconds_sum{topic="berakna-frister"}')).toBeGreaterThan(0);
    expect(text).toMatch(/^bokvar_worker_handler_duration_seconds_bucket\{le="\+Inf",topic="folkbokforing"\} [1-9]/m);
    // every topic has its series from start-up, whether or not it has run (a counter that first appears mid-way hides its first rise)
    for (const topic of ['samtycke-aterkalla', 'brev', 'samtycke-kontroll']) {
      for (const utfall of ['completed', 'failed', 'bpmn_error']) {
        expect(sample(text, `bokvar_worker_tasks_${utfall}_total{topic="${topic}"}`), `${utfall} ${topic}`).toBeGreaterThanOrEqual(0);
      }
    }
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(labelValues(text).filter((v) => /BV-\d{4}-\d+|TEST-|\d{8}-?\d{4}/.test(v))).toEqual([]);
  });

  it('UI: intake outcomes 201 and 400, requests by route pattern only, and the case index lag', async () => {
    const text = await scrape(uiMetrics());
    const okning = (series: string) => (sample(text, series) ?? 0) - (sample(uiFore, series) ?? 0);
    expect(okning('bokvar_ui_intake_total{outcome="201"}')).toBeGreaterThanOrEqual(2);
    expect(okning('bokvar_ui_intake_total{outcome="400"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'bokvar_ui_intake_total{outcome="200"}')).toBeGreaterThanOrEqual(0);
    expect(okning('bokvar_ui_http_requests_total{method="POST",route="/api/underrattelser",status="201"}')).toBeGreaterThanOrEqual(2);
    expect(
      sample(text, 'bokvar_ui_http_requests_total{method="GET",route="/api/arenden/:arendenummer",status="200"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'bokvar_ui_http_request_duration_seconds_count{method="POST",route="/api/underrattelser"}')).toBeGreaterThanOrEqual(
      3,
    );
    // route labels are patterns: no case number, in any label
    const values = labelValues(text);
    expect(values.filter((v) => v.includes(arende) || /BV-\d{4}-\d+/.test(v))).toEqual([]);
    const routes = [...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]!);
    expect(routes.every((r) => r === 'unmatched' || r.startsWith('/'))).toBe(true);
    // the index follows the engine every few seconds
    const lag = sample(text, 'bokvar_ui_case_index_lag_seconds');
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(60);
  });
});
