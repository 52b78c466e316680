import { BasicAuthInterceptor, Client } from 'camunda-external-task-client-js';
import { z } from 'zod';
import { readWorkerConfig, WorkerConfigError, type WorkerConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { runSafely } from './run-safely.ts';
import { connectWorkerDatabase } from './db.ts';
import { createTopics } from './topics.ts';
import { EngineRest } from '../engine-rest/client.ts';

// Validation messages reach incidents that caseworkers and process owners read.
z.config(z.locales.sv());

function loadConfig(): WorkerConfig {
  try {
    return readWorkerConfig();
  } catch (error) {
    if (!(error instanceof WorkerConfigError)) throw error;
    process.stderr.write(error.message + '\n');
    process.exit(78); // EX_CONFIG
  }
}

const config = loadConfig();
const log = createLogger(config.BOKVAR_LOG_LEVEL);
const client = new Client({
  baseUrl: config.BOKVAR_ENGINE_URL,
  workerId: `bokvar-workers-${process.pid}`,
  interceptors: new BasicAuthInterceptor({
    username: config.BOKVAR_WORKER_USER,
    password: config.BOKVAR_WORKER_PASSWORD,
  }),
  asyncResponseTimeout: config.BOKVAR_WORKER_LONG_POLL_MS,
  maxTasks: config.BOKVAR_WORKER_MAX_PARALLEL,
  maxParallelExecutions: config.BOKVAR_WORKER_MAX_PARALLEL,
  usePriority: true,
  autoPoll: false,
});

let pollInFlight = false;
client.on('poll:start', () => (pollInFlight = true));
client.on('poll:success', () => (pollInFlight = false));
client.on('poll:error', (error) => {
  pollInFlight = false;
  // The client retries after its interval; the error text never holds variables.
  log.warn({ err: error instanceof Error ? error.message : String(error) }, 'poll failed');
});

const db = connectWorkerDatabase(config.DATABASE_URL);
const engine = new EngineRest(config.BOKVAR_ENGINE_URL, { user: config.BOKVAR_WORKER_USER, password: config.BOKVAR_WORKER_PASSWORD });
const topics = createTopics({ db, engine });
const policy = { retries: config.BOKVAR_WORKER_RETRIES, baseTimeoutMs: config.BOKVAR_WORKER_RETRY_BASE_MS };
for (const worker of topics) {
  client.subscribe(
    worker.topic,
    { lockDuration: worker.lockDurationMs, variables: Object.keys(worker.input.shape) },
    runSafely(worker, policy, log),
  );
}
client.start();
log.info({ topics: topics.map((t) => t.topic) }, 'workers polling');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping: no new polls, letting running tasks finish');
  client.stop();
  // A long poll already sent may still hand over tasks: wait for it, then for the handlers.
  const deadline = Date.now() + config.BOKVAR_WORKER_LONG_POLL_MS + 60_000;
  while ((pollInFlight || client.activeTasksCount > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  log.info({ unfinished: client.activeTasksCount }, 'stopped');
  await db.destroy();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
