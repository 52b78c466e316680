import { z } from 'zod';
import { readWorkerConfig, WorkerConfigError, type WorkerConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { connectWorkerDatabase } from './db.ts';
import { bedomHalsa, startHalsaServer } from './halsa.ts';
import { createWorkerMetrik } from './metrik.ts';
import { drainMs, startPolling, type GroupState } from './polling.ts';
import { createTopics } from './topics.ts';
import { bevakaInstallningar, type Installningsbevakning } from '../frister/bevakning.ts';
import { EngineRest } from '../engine-rest/client.ts';
import { FristError } from '../frister/index.ts';

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

/** An invalid settings file at start stops the workers before they take a task; later, the last valid one stays. */
function watchSettings(): Installningsbevakning {
  try {
    return bevakaInstallningar(log);
  } catch (error) {
    if (!(error instanceof FristError)) throw error;
    process.stderr.write(error.message + '\n');
    process.exit(78); // EX_CONFIG
  }
}
const installningar = watchSettings();
const db = connectWorkerDatabase(config.DATABASE_URL);
const engine = new EngineRest(config.BOKVAR_ENGINE_URL, { user: config.BOKVAR_WORKER_USER, password: config.BOKVAR_WORKER_PASSWORD });
const topics = createTopics({ db, engine });
const policy = { retries: config.BOKVAR_WORKER_RETRIES, baseTimeoutMs: config.BOKVAR_WORKER_RETRY_BASE_MS };
// Served on the health port (GET /metrics) when BOKVAR_METRIK_TOKEN is set; counted either way, which costs next to nothing.
const metrik = createWorkerMetrik(topics.map((t) => t.topic));
// The health check asks the fetch loops, which start only once it listens.
let groups: () => GroupState[] = () => [];
// Before the first fetch: a health port that cannot be had stops the process before it takes any task.
if (config.BOKVAR_WORKER_HALSA_PORT !== undefined) {
  const maxMs = config.BOKVAR_WORKER_HALSA_MAX_SEKUNDER * 1000;
  const metrikKalla = {
    token: config.BOKVAR_METRIK_TOKEN,
    contentType: metrik.registry.contentType,
    text: () => metrik.registry.metrics(),
  };
  await startHalsaServer(config.BOKVAR_WORKER_HALSA_PORT, () => bedomHalsa(groups(), Date.now(), maxMs), log, metrikKalla).catch(
    (error: unknown) => {
      log.fatal({ err: error instanceof Error ? error.message : String(error), port: config.BOKVAR_WORKER_HALSA_PORT }, 'halsa failed');
      process.exit(1);
    },
  );
}
if (config.BOKVAR_WORKER_HALSA_PORT === undefined && config.BOKVAR_METRIK_TOKEN !== undefined) {
  log.warn('BOKVAR_METRIK_TOKEN is set but BOKVAR_WORKER_HALSA_PORT is not: metrics are served on the health port, so none are');
}
const polling = startPolling(topics, config, policy, log, metrik);
groups = polling.groups;
log.info({ topics: topics.map((t) => t.topic) }, 'workers polling');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping: no new polls, letting running tasks finish');
  polling.stop();
  installningar.stop();
  // A long poll already sent may still hand over tasks: wait for it, then for the handlers.
  const deadline = Date.now() + drainMs(config);
  while ((polling.pollsInFlight() > 0 || polling.active() > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  log.info({ unfinished: polling.active() }, 'stopped');
  await db.destroy();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
