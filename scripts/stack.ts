import path from 'node:path';
import { EngineRest } from '../engine-rest/client.ts';
import { migrateLatest } from '../migrations/index.ts';
import type { StackConfig } from './config.ts';
import { startDatabase, type DatabaseServer } from './database.ts';
import { applyHistoryTimeToLive, deployModels, describeDeployed } from './deploy.ts';
import { buildEngineIfOutdated, startEngine, type EngineProcess } from './engine-process.ts';
import { provisionFilters } from './filters.ts';
import { provisionIdentity } from './identity.ts';
import { startNodeService, type NodeService } from './node-service.ts';
import { laddaUtvecklingsdata } from './syntetisk-data.ts';

export interface StackOptions {
  config: StackConfig;
  /** Tests start from empty databases. */
  recreateDatabases?: boolean;
  /** Services log to files here instead of the console. */
  logDir?: string;
  /** How long to wait for each process to be ready (a loaded machine); default: the engine 240 s, workers and UI 60 s. */
  startTimeoutMs?: number;
  log: (line: string) => void;
}

export interface RunningStack {
  engineBaseUrl: string;
  engineRestUrl: string;
  uiUrl: string;
  databaseUrl: string;
  engineDatabaseUrl: string;
  pids: { engine: number; workers: number[]; ui: number };
  /**
   * Starts one part again, with the options it was first started with, as an
   * operator or compose would after it died (the fault suite, test/fault/).
   * The new process is stopped with the rest by `stop`.
   */
  restart: {
    database(): Promise<void>;
    engine(): Promise<number>;
    workers(index: number): Promise<number>;
    ui(): Promise<number>;
  };
  /** Seconds each step took, for docs/benchmarks.md. */
  timings: Record<string, number>;
  stop(): Promise<void>;
}

/**
 * The whole Bokvar stack in start order: database, engine, identity, migrations,
 * models, workers, UI. Stops in reverse order; a failed start stops what began.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { config, log } = options;
  const stops: (() => Promise<void>)[] = [];
  const timings: Record<string, number> = {};
  const timed = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    timings[step] = Math.round(performance.now() - started) / 1000;
    return result;
  };
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error) => log(`Fel vid stopp: ${String(error)}`));
    stops.length = 0;
  };
  const logFile = (name: string) => path.join(options.logDir ?? path.join(config.dataDir, 'logs'), `${name}.log`);

  try {
    await timed('motorbygge', async () => buildEngineIfOutdated(log));
    const database: DatabaseServer = await timed('databas', () =>
      startDatabase({
        databaseUrl: config.databaseUrl,
        engineDatabaseUrl: config.engineDatabaseUrl,
        embeddedPort: config.embeddedPostgresPort,
        dataDir: config.dataDir,
        recreate: options.recreateDatabases,
        log,
      }),
    );
    stops.push(database.stop);

    log('Startar motorn …');
    const engineOptions = {
      port: config.enginePort,
      databaseUrl: database.engineUrl,
      readLogDatabaseUrl: database.appUrl,
      admin: config.admin,
      technicalUsers: { worker: config.worker.user, ui: config.ui.user },
      historyTimeToLive: config.historyTimeToLive,
      passwordPolicy: config.mode === 'produktion',
      ldap: config.ldap,
      logFile: logFile('engine'),
      startTimeoutMs: options.startTimeoutMs,
    };
    const engine: EngineProcess = await timed('motor', () => startEngine(engineOptions));
    stops.push(engine.stop);

    const admin = new EngineRest(engine.restUrl, config.admin);
    await timed('behorigheter', () => provisionIdentity(admin, { ...config, directory: config.ldap !== undefined }));
    await timed('filter', () => provisionFilters(admin));
    const applied = await timed('migreringar', () => migrateLatest(database.appUrl));
    if (applied.length > 0) log(`Migreringar: ${applied.join(', ')}`);
    if (config.mode === 'utveckling') {
      const seeded = await timed('syntetiska-data', () => laddaUtvecklingsdata(database.appUrl));
      if (seeded.laddad) log(`Syntetisk befolkning laddad: ${seeded.personer} personer, ${seeded.aktuella} aktuella`);
    }
    const changed = describeDeployed(await timed('driftsattning', () => deployModels(admin)));
    await timed('historik-ttl', () => applyHistoryTimeToLive(admin, config.historyTimeToLive));
    log(changed.length > 0 ? `Driftsatte ${changed.join(', ')}` : 'Modellerna är oförändrade');

    const serviceEnv = {
      ...process.env,
      BOKVAR_MILJO: config.mode,
      BOKVAR_ENGINE_URL: engine.restUrl,
      BOKVAR_ENGINE_PUBLIC_URL: engine.baseUrl,
      DATABASE_URL: database.appUrl,
      BOKVAR_WORKER_USER: config.worker.user,
      BOKVAR_WORKER_PASSWORD: config.worker.password,
      BOKVAR_UI_PORT: String(config.uiPort),
      BOKVAR_UI_USER: config.ui.user,
      BOKVAR_UI_PASSWORD: config.ui.password,
      BOKVAR_HISTORIK_TTL: config.historyTimeToLive,
    };
    const workerOptions = (i: number) => {
      const name = i === 0 ? 'workers' : `workers-${i + 1}`;
      return { name, entry: 'workers/main.ts', env: serviceEnv, logFile: options.logDir ? logFile(name) : undefined, readyLine: /workers polling/, timeoutMs: options.startTimeoutMs };
    };
    const workers: NodeService[] = await timed('workers', () =>
      Promise.all(Array.from({ length: config.workerReplicas }, (_, i) => startNodeService(workerOptions(i)))),
    );
    for (const w of workers) stops.push(w.stop);
    const uiOptions = { name: 'ui', entry: 'ui/main.ts', env: serviceEnv, logFile: options.logDir ? logFile('ui') : undefined, readyLine: /ui listening/, timeoutMs: options.startTimeoutMs };
    const ui: NodeService = await timed('ui', () => startNodeService(uiOptions));
    stops.push(ui.stop);
    const restarted = async (started: { pid: number; stop(): Promise<void> }) => {
      stops.push(started.stop);
      return started.pid;
    };

    return {
      engineBaseUrl: engine.baseUrl,
      engineRestUrl: engine.restUrl,
      uiUrl: `http://localhost:${config.uiPort}`,
      databaseUrl: database.appUrl,
      engineDatabaseUrl: database.engineUrl,
      pids: { engine: engine.pid, workers: workers.map((w) => w.pid), ui: ui.pid },
      restart: {
        database: () => database.restart(),
        engine: async () => restarted(await startEngine(engineOptions)),
        workers: async (i) => restarted(await startNodeService(workerOptions(i))),
        ui: async () => restarted(await startNodeService(uiOptions)),
      },
      timings,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
