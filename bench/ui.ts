/**
 * Response times of the Bokvar UI at 10 000 open cases (`npx tsx bench/ui.ts`).
 * Starts its own stack (ports 17081/17301, database bokvar_ui_bench unless
 * BOKVAR_BENCH_DATABASE_URL says otherwise), deploys a light fixture process
 * (a user task with a 30-day timer, so every case has a task and a deadline),
 * starts N instances through the engine's REST API in parallel, registers them
 * in the case register, and measures as a caseworker over HTTP Basic:
 * the case view (case detail + diagram data, what the page loads), the case
 * list (first 50 by deadline, a deep page, a search) and the overview
 * (heat-map data). The case list reads the case index: the script waits until
 * the index holds every case, then times the index's own work at this volume
 * (a full rebuild, a refresh with nothing changed, a refresh after 50 cases
 * changed) as a second UI process would run it.
 */
import os from 'node:os';
import knex from 'knex';
import { EngineRest } from '../engine-rest/client.ts';
import { formatEngineTime } from '../engine-rest/time.ts';
import { Arendeindex, OVERLAPP_MS } from '../ui/arenden/arendeindex.ts';
import { oneStepProcess } from './one-step-process.ts';
import { startBenchStack } from './stack.ts';

const N = Number(process.env.BOKVAR_BENCH_ARENDEN ?? 10_000);
const PARALLEL = 16;
const SAMPLES = 100;

const XML = oneStepProcess(
  'bench-ui',
  'Benchmark: ärende',
  '<bpmn:userTask id="Steg" name="Handlägg" camunda:candidateGroups="vuxenenheten" camunda:dueDate="${dueDate}"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>',
  {
    xml: '<bpmn:boundaryEvent id="Frist" name="Frist" attachedToRef="Steg" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
    shapes: '<bpmndi:BPMNShape id="s3" bpmnElement="Frist"><dc:Bounds x="232" y="140" width="36" height="36" /></bpmndi:BPMNShape>',
  },
);

const { config, stack } = await startBenchStack('ui', { database: 'bokvar_ui_bench', enginePort: 17081, uiPort: 17301 });
const db = knex({ client: 'pg', connection: stack.databaseUrl, pool: { min: 0, max: 4 } });
try {
  const admin = new EngineRest(stack.engineRestUrl, config.admin);
  const form = new FormData();
  form.append('deployment-name', 'bench-ui');
  form.append('data', new Blob([XML], { type: 'application/xml' }), 'bench-ui.bpmn');
  await admin.postMultipart('/deployment/create', form);

  const seedStart = performance.now();
  let next = 0;
  const rows: {
    arendenummer: string;
    process_key: string;
    process_instance_id: string;
    kallreferens: string;
    mottagen: Date;
    enheter: string[];
  }[] = [];
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < N) {
        const i = next++;
        const arendenummer = `BV-2026-${String(900000 + i).padStart(6, '0')}`;
        const due = formatEngineTime(new Date(Date.now() + (1 + (i % 60)) * 86_400_000));
        const pi = await admin.post<{ id: string }>('/process-definition/key/bench-ui/start', {
          businessKey: arendenummer,
          variables: { dueDate: { value: due, type: 'Date' } },
        });
        rows.push({
          arendenummer,
          process_key: 'bench-ui',
          process_instance_id: pi.id,
          kallreferens: `bench:${i}`,
          mottagen: new Date(),
          enheter: ['vuxenenheten', 'samordnare'],
        });
      }
    }),
  );
  for (let i = 0; i < rows.length; i += 1000) await db('arenden').insert(rows.slice(i, i + 1000));
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const auth = { Authorization: `Basic ${Buffer.from('stina:stina').toString('base64')}` };
  const time = async (url: string): Promise<number> => {
    const t = performance.now();
    const r = await fetch(stack.uiUrl + url, { headers: auth });
    await r.arrayBuffer();
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return performance.now() - t;
  };
  const measure = async (name: string, urls: () => string[], samples: number) => {
    for (let i = 0; i < 3; i++) for (const u of urls()) await time(u); // warm-up
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      let total = 0;
      for (const u of urls()) total += await time(u);
      times.push(total);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => (times[Math.floor(q * (times.length - 1))] ?? 0).toFixed(0);
    console.log(`| ${name} | ${samples} | ${p(0.5)} | ${p(0.95)} |`);
  };
  const random = () => rows[Math.floor(Math.random() * rows.length)]!.arendenummer;

  // The case list shows what the case index holds: wait until it holds every case.
  const indexStart = performance.now();
  for (;;) {
    const r = await fetch(`${stack.uiUrl}/api/arenden?max=1`, { headers: auth });
    const body = (await r.json()) as { totalt: number };
    if (body.totalt >= N) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const indexSeconds = (performance.now() - indexStart) / 1000;

  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(
    `\n${os.cpus().length} kärnor, ${os.cpus()[0]?.model ?? ''}, Node ${process.version}; ${N} öppna ärenden startade på ${seedSeconds.toFixed(0)} s; indexet ikapp ${indexSeconds.toFixed(1)} s efter sista start; load average ${load()}\n`,
  );
  console.log('| measurement | samples | p50 (ms) | p95 (ms) |');
  console.log('|---|---|---|---|');
  await measure(
    'case view (GET /api/arenden/{nr} + /diagram)',
    () => {
      const nr = random();
      return [`/api/arenden/${nr}?vy=arendevy`, `/api/arenden/${nr}/diagram`];
    },
    SAMPLES,
  );
  await measure('overview (GET /api/oversikt)', () => ['/api/oversikt'], SAMPLES);
  await measure('case list, first 50 by deadline (GET /api/arenden)', () => ['/api/arenden?max=50'], SAMPLES);
  await measure('case list, page 100 of 50 (GET /api/arenden?forsta=4950)', () => ['/api/arenden?max=50&forsta=4950'], SAMPLES);
  await measure('case list, search by case number (GET /api/arenden?sok=…)', () => [`/api/arenden?sok=${random()}`], SAMPLES);

  // The index's own work, as a second UI process runs it (the UI's own refreshes go on meanwhile).
  const index = new Arendeindex(db, new EngineRest(stack.engineRestUrl, config.ui));
  const timeIndex = async (name: string, step: () => Promise<{ arenden: number }>, samples: number) => {
    const times: number[] = [];
    let arenden = 0;
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      arenden = (await step()).arenden;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => (times[Math.floor(q * (times.length - 1))] ?? 0).toFixed(0);
    console.log(`| ${name} (${arenden} cases read) | ${samples} | ${p(0.5)} | ${p(0.95)} |`);
  };
  await timeIndex('index: full rebuild', () => index.byggOm(), 3);
  // Nothing changed within the look-back window: what every refresh costs on a quiet engine.
  await new Promise((resolve) => setTimeout(resolve, OVERLAPP_MS + 5_000));
  await timeIndex('index: refresh, nothing changed', () => index.uppdatera(), 10);
  // 50 cases change (their task completed, the instance ends): the next refresh finds and re-reads them.
  const andrade = rows.slice(0, 50);
  await Promise.all(
    andrade.map(async (r) => {
      const [task] = await admin.get<{ id: string }[]>('/task', { processInstanceId: r.process_instance_id });
      if (task) await admin.post(`/task/${task.id}/complete`, { variables: {} });
    }),
  );
  await timeIndex('index: refresh after 50 cases changed', () => index.uppdatera(), 3);
  console.log(`\nload average after the run: ${load()}`);
} finally {
  await db.destroy();
  await stack.stop();
}
