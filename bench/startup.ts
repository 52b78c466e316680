/**
 * Start-up time and idle memory of the whole stack (`npx tsx bench/startup.ts`).
 * Cold: empty data folder (initdb, engine schema, first deployment). Warm: the
 * same folder again. The engine jar is built beforehand and not timed here.
 * Memory is RSS after 30 s idle; the database is the embedded PostgreSQL's
 * postmaster and all its children.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readStackConfig, repoRoot } from '../scripts/config.ts';
import { buildEngineIfOutdated } from '../scripts/engine-process.ts';
import { startStack } from '../scripts/stack.ts';

const dataDir = path.join(repoRoot, '.data', 'bench');
const IDLE_MS = 30_000;

function rssMb(pids: number[]): number {
  if (pids.length === 0) return 0;
  const out = execFileSync('ps', ['-o', 'rss=', '-p', pids.join(',')], { encoding: 'utf8' });
  return Math.round(out.split('\n').reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024);
}

function postgresPids(): number[] {
  const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
  return [postmaster, ...children];
}

buildEngineIfOutdated(console.log);
const config = readStackConfig({
  ...process.env,
  DATABASE_URL: undefined,
  BOKVAR_DATA_DIR: dataDir,
  BOKVAR_ENGINE_PORT: '28080',
  BOKVAR_UI_PORT: '23000',
  BOKVAR_EMBEDDED_PG_PORT: '54349',
});
const rows: string[] = [];
for (const run of ['kall', 'varm'] as const) {
  if (run === 'kall') fs.rmSync(dataDir, { recursive: true, force: true });
  const started = performance.now();
  const stack = await startStack({ config, logDir: path.join(dataDir, 'logs'), log: () => {} });
  const seconds = (performance.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  const memory = {
    engine: rssMb([stack.pids.engine]),
    workers: rssMb(stack.pids.workers),
    ui: rssMb([stack.pids.ui]),
    databas: rssMb(postgresPids()),
  };
  await stack.stop();
  const steps = Object.entries(stack.timings)
    .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    .join(', ');
  rows.push(`| ${run} | ${seconds.toFixed(1)} | ${memory.engine} | ${memory.workers} | ${memory.ui} | ${memory.databas} | ${steps} |`);
}
console.log(`\n${os.cpus().length} kärnor, ${os.cpus()[0]?.model ?? ''}, Node ${process.version}\n`);
console.log('| start | tid (s) | motor (MB) | workers (MB) | UI (MB) | databas (MB) | steg (s) |');
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
