import os from 'node:os';
import type { Ceiling } from './ceiling.ts';
import { met, ms, p50p95, percentile } from './stats.ts';

/** The run's figures as a Markdown section like the others in docs/benchmarks.md. */
export interface Phase {
  intake: number[];
  firstTask: number[];
  steps: Map<string, number[]>;
}

export interface Results {
  counts: Record<string, number>;
  loadStart: number[];
  ceiling: Ceiling;
  sequential: Phase;
  burst: Phase & { cases: number; intakeSeconds: number; tasks: { count: number; seconds: number }; timeoutSeconds: number };
  letters: number[];
  incidents: { open: number; historic: number };
  /** `fetch conflict` lines in the workers' log (0 before that line exists). */
  fetchConflicts: number;
  pollFailures: number;
}

const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
const all = (steps: Map<string, number[]>) => [...steps.values()].flat();

export function report(r: Results): string {
  const { ceiling, sequential: s, burst: b } = r;
  const burstRate = b.tasks.seconds > 0 ? b.tasks.count / b.tasks.seconds : 0;
  const ratio = burstRate / ceiling.perSecond;
  const p = (v: number[], q: number) => percentile(v, q);
  const le = (v: number | undefined, max: number) => (v === undefined ? undefined : v <= max);
  // Settings the workers got from this environment (startBenchStack passes it on); credentials left out.
  const settings = Object.entries(process.env)
    .filter(([k]) => k.startsWith('BOKVAR_WORKER_') && !/USER|PASSWORD/.test(k))
    .map(([k, v]) => `${k}=${v}`);
  const lines = [
    `## pipeline (\`npx tsx bench/pipeline.ts\`)`,
    '',
    `${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}; ` +
      `load average ${load(r.loadStart)} at the start, ${load(os.loadavg())} at the end (1 / 5 / 15 min).`,
    `Counts: ${Object.entries(r.counts)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}. Worker settings: ${settings.length > 0 ? settings.join(', ') : 'defaults (no BOKVAR_WORKER_* set)'}.`,
    '',
    '| measurement | samples | result | target (issue 16) | met |',
    '|---|---|---|---|---|',
    `| ceiling: plain fetchAndLock/complete, 4 loops × 8 | ${ceiling.tasks} tasks | ${ceiling.perSecond.toFixed(0)} tasks/s (${ceiling.seconds.toFixed(1)} s, ${ceiling.conflicts} × HTTP 500) | – | – |`,
    `| sequential: intake HTTP p50 / p95 (ms) | ${s.intake.length} | ${p50p95(s.intake)} | – | – |`,
    `| sequential: notice → first user task p50 / p95 (ms) | ${s.firstTask.length} | ${p50p95(s.firstTask)} | p50 ≤ 250 | ${met(le(p(s.firstTask, 0.5), 250))} |`,
    `| sequential: automated step p50 / p95 (ms), bounds the wait from creation to lock | ${all(s.steps).length} | ${p50p95(all(s.steps))} | p50 ≤ 40 | ${met(le(p(all(s.steps), 0.5), 40))} |`,
    `| burst: intake HTTP p50 / p95 (ms), 8 in parallel | ${b.intake.length} | ${p50p95(b.intake)} (all in ${b.intakeSeconds.toFixed(1)} s) | p95 ≤ 150 | ${met(le(p(b.intake, 0.95), 150))} |`,
    `| burst: notice → first user task p50 / p95 (ms) | ${b.firstTask.length} | ${p50p95(b.firstTask)} | – | – |`,
    `| burst: automated step p50 / p95 (ms) | ${all(b.steps).length} | ${p50p95(all(b.steps))} | – | – |`,
    `| burst: external tasks completed per second | ${b.tasks.count} tasks in ${b.tasks.seconds.toFixed(1)} s | ${burstRate.toFixed(1)} tasks/s = ${(ratio * 100).toFixed(0)} % of the ceiling | ≥ 80 % | ${met(ratio >= 0.8)} |`,
    `| burst: cases at a user task within ${b.timeoutSeconds} s | ${b.cases} | ${b.firstTask.length} of ${b.cases} | all | ${met(b.firstTask.length === b.cases)} |`,
    `| Kronofogden confirmation → both letters archived p50 / p95 (ms) | ${r.letters.length} | ${p50p95(r.letters)} | p95 ≤ 250 | ${met(le(p(r.letters, 0.95), 250))} |`,
    `| incidents, open / in history | – | ${r.incidents.open} / ${r.incidents.historic} | 0 | ${met(r.incidents.open + r.incidents.historic === 0)} |`,
    `| workers' fetchAndLock answered 500 (\`fetch conflict\` in the log) | – | ${r.fetchConflicts}; \`poll failed\` lines: ${r.pollFailures} | counted | – |`,
    '',
    'Automated steps (history activity instances of type serviceTask, start → end, ms):',
    '',
    '| step | sequential n | p50 | p95 | burst n | p50 | p95 |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const id of [...new Set([...s.steps.keys(), ...b.steps.keys()])].sort()) {
    const sv = s.steps.get(id) ?? [];
    const bv = b.steps.get(id) ?? [];
    lines.push(`| ${id} | ${sv.length} | ${ms(p(sv, 0.5))} | ${ms(p(sv, 0.95))} | ${bv.length} | ${ms(p(bv, 0.5))} | ${ms(p(bv, 0.95))} |`);
  }
  return lines.join('\n');
}
