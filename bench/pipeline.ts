/**
 * The whole automated path under load (`npx tsx bench/pipeline.ts`), against the
 * throughput and latency targets its report states (bench/pipeline/report.ts).
 * Starts its own stack (ports 17082/17302, database bokvar_pipeline_bench
 * unless BOKVAR_BENCH_* say otherwise), then in one run:
 *  1. the ceiling: a plain fetchAndLock/complete loop on a no-op topic;
 *  2. sequential notices through the intake, each waiting for the previous to settle;
 *  3. a burst of hot-om-avhysning and Kronofogden notices, 8 at a time, interleaved;
 *  4. Kronofogden confirmations: task completed → both letters in `brev`;
 *  5. the workers' fetch conflicts from their log.
 * Prints a Markdown section for docs/benchmarks.md. Counts from the environment:
 * BOKVAR_BENCH_NOOP, _SEKVENTIELLA, _HOT, _KF, _BEKRAFTELSER, _TIMEOUT_S.
 */
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import { EngineRest } from '../engine-rest/client.ts';
import { repoRoot } from '../scripts/config.ts';
import { measureCeiling } from './pipeline/ceiling.ts';
import { caseTimes, completedSince, incidents, stepDurations, untilQuiet } from './pipeline/history.ts';
import { confirmationToLetters } from './pipeline/letters.ts';
import { countLogLines, logOffsets } from './pipeline/logs.ts';
import { kronofogdeMeddelande, loadPeople, registrera, underrattelse } from './pipeline/notices.ts';
import { report, type Results } from './pipeline/report.ts';
import { inParallel, sleep } from './pipeline/stats.ts';
import { startBenchStack } from './stack.ts';

const count = (name: string, fallback: number) => Number(process.env[`BOKVAR_BENCH_${name}`] ?? fallback);
const NOOP = count('NOOP', 2000);
const SEKVENTIELLA = count('SEKVENTIELLA', 10);
const HOT = count('HOT', 500);
const KF = count('KF', 200);
const BEKRAFTELSER = Math.min(count('BEKRAFTELSER', 20), KF);
const TIMEOUT_S = count('TIMEOUT_S', 300);
const PARALLEL = 8;

const logDir = path.join(repoRoot, '.data', 'bench-pipeline', 'logs');
const offsets = logOffsets(logDir);
const loadStart = os.loadavg();
const { config, stack } = await startBenchStack('pipeline', { database: 'bokvar_pipeline_bench', enginePort: 17082, uiPort: 17302 });
const db = knex({ client: 'pg', connection: stack.databaseUrl, pool: { min: 0, max: 4 } });
const admin = new EngineRest(stack.engineRestUrl, config.admin);
const progress = (line: string) => console.error(`[pipeline] ${line}`);
let results: Omit<Results, 'fetchConflicts' | 'pollFailures'>;

try {
  progress(`ceiling: ${NOOP} no-op tasks`);
  const ceiling = await measureCeiling(admin, new EngineRest(stack.engineRestUrl, config.worker), NOOP);
  const people = await loadPeople(db, 1 + SEKVENTIELLA + HOT + KF);

  // Sequential: each notice alone in an idle pipeline, until its automation has settled.
  // The first is a warm-up (the UI's and workers' first requests), not counted. Polled gently
  // (100 ms): the times come from the engine's history, and the polls only add load.
  progress(`sequential: ${SEKVENTIELLA} notices after one for warm-up`);
  const seqIntake: number[] = [];
  const seqCases = new Set<string>();
  for (let i = 0; i <= SEKVENTIELLA; i++) {
    const { arendenummer, ms } = await registrera(stack.uiUrl, '/api/underrattelser', underrattelse(people[i]!, i));
    if (i > 0) {
      seqIntake.push(ms);
      seqCases.add(arendenummer);
    }
    while ((await admin.get<{ count: number }>('/history/task/count', { processInstanceBusinessKey: arendenummer })).count === 0)
      await sleep(100);
    await untilQuiet(admin, 30_000, 100);
  }
  const seq = await caseTimes(admin, seqCases);

  // Burst: hot-om-avhysning and Kronofogden notices interleaved evenly, 8 requests at a time.
  progress(`burst: ${HOT} hot-om-avhysning + ${KF} Kronofogden notices`);
  const jobs = Array.from({ length: HOT + KF }, (_, i) =>
    Math.floor(((i + 1) * KF) / (HOT + KF)) > Math.floor((i * KF) / (HOT + KF)) ? 'kf' : 'hot',
  );
  const burstIntake: number[] = [];
  const burstCases = new Set<string>();
  const kfCases: string[] = [];
  const burstStart = Date.now();
  await inParallel(jobs, PARALLEL, async (kind, i) => {
    const person = people[1 + SEKVENTIELLA + i]!;
    const r =
      kind === 'kf'
        ? await registrera(stack.uiUrl, '/api/kronofogden-meddelanden', kronofogdeMeddelande(person, i))
        : await registrera(stack.uiUrl, '/api/underrattelser', underrattelse(person, 1 + SEKVENTIELLA + i));
    burstIntake.push(r.ms);
    burstCases.add(r.arendenummer);
    if (kind === 'kf') kfCases.push(r.arendenummer);
  });
  const intakeSeconds = (Date.now() - burstStart) / 1000;
  // Cheap to poll while the workers catch up; the history is read once they have.
  await untilQuiet(admin, TIMEOUT_S * 1000 - (Date.now() - burstStart), 500);
  let burst = await caseTimes(admin, burstCases);
  while (burst.firstTask.size < burstCases.size && Date.now() - burstStart < TIMEOUT_S * 1000) {
    await sleep(2000);
    burst = await caseTimes(admin, burstCases);
  }
  const tasks = await completedSince(admin, burstStart);
  // Before the confirmations, whose letter steps belong to the next measurement.
  const burstSteps = await stepDurations(admin, burst.instanceIds);

  progress(`confirmations: ${BEKRAFTELSER} Kronofogden cases`);
  const letters = await confirmationToLetters(admin, db, kfCases.slice(0, BEKRAFTELSER));
  await untilQuiet(admin, 30_000);

  results = {
    counts: { NOOP, SEKVENTIELLA, HOT, KF, BEKRAFTELSER },
    loadStart,
    ceiling,
    sequential: { intake: seqIntake, firstTask: [...seq.firstTask.values()], steps: await stepDurations(admin, seq.instanceIds) },
    burst: {
      intake: burstIntake,
      firstTask: [...burst.firstTask.values()],
      steps: burstSteps,
      cases: burstCases.size,
      intakeSeconds,
      tasks,
      timeoutSeconds: TIMEOUT_S,
    },
    letters,
    incidents: await incidents(admin),
  };
} finally {
  await db.destroy();
  await stack.stop();
}

// After the stop, so that every line the workers wrote is in the file.
console.log(
  report({
    ...results,
    fetchConflicts: countLogLines(logDir, offsets, 'fetch conflict'),
    pollFailures: countLogLines(logDir, offsets, 'poll failed'),
  }),
);
