import fs from 'node:fs';
import path from 'node:path';
import { EngineRest } from '../../../engine-rest/client.ts';
import { readStackConfig, repoRoot, type StackConfig } from '../../../scripts/config.ts';
import { startStack, type RunningStack } from '../../../scripts/stack.ts';
import { importScenarioPeople } from '../../integration/support/fixtures.ts';
import { embeddedDatabaseDir } from '../../../scripts/embedded-database.ts';

/**
 * One whole stack per fault test, on ports of its own: test k has engine 24k80
 * and UI 24k30, data under .data/fault-k, and an embedded PostgreSQL server of
 * its own on 54343 + k: the test can kill its postmaster, and a stack's pools
 * (the engine alone holds 20 connections) never exhaust a shared server's
 * connection limit when several tests or people share a machine.
 */
export interface FaultStackOptions {
  test: number;
  workerReplicas?: number;
}

export interface FaultStack {
  config: StackConfig;
  running: RunningStack;
  dataDir: string;
  logDir: string;
  uiUrl: string;
  databaseUrl: string;
  admin: EngineRest;
  /** The processes as they are now (a restart changes the pid). */
  pids: { engine: number; workers: number[]; ui: number };
  kill(part: 'engine' | 'ui' | { workers: number } | 'database'): Promise<void>;
  restart(part: 'engine' | 'ui' | { workers: number } | 'database'): Promise<void>;
  /**
   * The Node services that are no longer running, started again as compose's
   * `restart: unless-stopped` would. Returns what had exited: a service that
   * exits on its own when another part is away is a fault the test reports.
   */
  restartExited(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startFaultStack(options: FaultStackOptions): Promise<FaultStack> {
  const k = options.test;
  const dataDir = path.join(repoRoot, '.data', `fault-${k}`);
  const logDir = path.join(dataDir, 'logs');
  fs.rmSync(logDir, { recursive: true, force: true });
  // Retries and long polls as the integration stack has them: a failed step comes back in seconds.
  process.env.BOKVAR_WORKER_RETRY_BASE_MS ??= '500';
  process.env.BOKVAR_WORKER_LONG_POLL_MS ??= '5000';
  const config = readStackConfig({
    ...process.env,
    BOKVAR_MILJO: 'utveckling',
    DATABASE_URL: undefined,
    BOKVAR_ENGINE_DATABASE_URL: undefined,
    BOKVAR_ENGINE_PORT: String(24_000 + k * 100 + 80),
    BOKVAR_UI_PORT: String(24_000 + k * 100 + 30),
    BOKVAR_EMBEDDED_PG_PORT: String(54_343 + k),
    BOKVAR_DATA_DIR: dataDir,
    BOKVAR_WORKER_REPLICAS: String(options.workerReplicas ?? 1),
  });
  fs.rmSync(path.join(dataDir, 'postgres'), { recursive: true, force: true });
  const log = (line: string) => process.stdout.write(`[fault-${k}] ${line}\n`);
  const running = await startStack({ config, recreateDatabases: true, logDir, log, startTimeoutMs: 600_000 });
  await importScenarioPeople(running.databaseUrl);
  const pids = { engine: running.pids.engine, workers: [...running.pids.workers], ui: running.pids.ui };

  const pidOf = (part: 'engine' | 'ui' | { workers: number } | 'database'): number => {
    if (part === 'engine') return pids.engine;
    if (part === 'ui') return pids.ui;
    if (part === 'database') return postmasterPid(dataDir);
    return pids.workers[part.workers]!;
  };

  return {
    config,
    running,
    dataDir,
    logDir,
    uiUrl: running.uiUrl,
    databaseUrl: running.databaseUrl,
    admin: new EngineRest(running.engineRestUrl, config.admin),
    pids,
    async kill(part) {
      const pid = pidOf(part);
      log(`SIGKILL ${typeof part === 'string' ? part : `workers[${part.workers}]`} (pid ${pid})`);
      process.kill(pid, 'SIGKILL');
      await waitUntilGone(pid);
    },
    async restart(part) {
      log(`Startar om ${typeof part === 'string' ? part : `workers[${part.workers}]`}`);
      if (part === 'engine') pids.engine = await running.restart.engine();
      else if (part === 'ui') pids.ui = await running.restart.ui();
      else if (part === 'database') await running.restart.database();
      else pids.workers[part.workers] = await running.restart.workers(part.workers);
    },
    async restartExited() {
      const exited: string[] = [];
      for (const [i, pid] of pids.workers.entries()) {
        if (alive(pid)) continue;
        exited.push(`workers[${i}]`);
        pids.workers[i] = await running.restart.workers(i);
      }
      if (!alive(pids.ui)) {
        exited.push('ui');
        pids.ui = await running.restart.ui();
      }
      if (exited.length > 0) log(`Hade avslutats av sig själva och startades om: ${exited.join(', ')}`);
      return exited;
    },
    stop: () => running.stop(),
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The embedded server's postmaster, as PostgreSQL records it on the first line of postmaster.pid. */
export function postmasterPid(dataDir: string): number {
  const file = path.join(embeddedDatabaseDir(dataDir), 'postmaster.pid');
  const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${file}`);
  return pid;
}

async function waitUntilGone(pid: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`pid ${pid} still alive 30 s after SIGKILL`);
}
