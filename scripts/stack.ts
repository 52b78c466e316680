import path from 'node:path';
import { EngineRest } from '../engine-rest/client.ts';
import { migrateLatest } from '../migrations/index.ts';
import type { StackConfig } from './config.ts';
import { startDatabase, type DatabaseServer } from './database.ts';
import { applyHistoryTimeToLive, deployModels, describeDeployed } from './deploy.ts';
import { buildEngineIfOutdated, startEngine, type EngineOptions, type EngineProcess } from './engine-process.ts';
import { requireHaproxy, startLastbalanserare } from './lastbalanserare.ts';
import { provisionFilters } from './filters.ts';
import { provisionIdentity } from './identity.ts';
import { startNodeService, type NodeService, type NodeServiceOptions } from './node-service.ts';
import { laddaUtvecklingsdata } from './syntetisk-data.ts';
import { StartupError } from './startup-error.ts';
import { DriftsattningVagrad } from './versionskontroll.ts';

export interface StackOptions {
  config: StackConfig;
  /** Tests start from empty databases. */
  recreateDatabases?: boolean;
  /** Services log to files here instead of the console. */
  logDir?: string;
  /** How long to wait for each process to be ready (a loaded machine); default: the engine 240 s, workers and UI 60 s. */
  startTimeoutMs?: number;
  /** Metrics (docs/drift/metrik.md): BOKVAR_METRIK_TOKEN for the engine, the UI and the workers; unset, they serve none. */
  metrikToken?: string;
  /** The first worker process's health and metrics port (BOKVAR_WORKER_HALSA_PORT); replica i gets this + i. Unset: none. */
  workerHalsaPort?: number;
  log: (line: string) => void;
}

export interface RunningStack {
  engineBaseUrl: string;
  engineRestUrl: string;
  uiUrl: string;
  databaseUrl: string;
  engineDatabaseUrl: string;
  /**
   * `engine` is the first engine node; `engines` all of them (one unless
   * BOKVAR_MOTORER is above 1); `lastbalanserare` is HAProxy's, when it runs.
   */
  pids: { engine: number; engines: number[]; lastbalanserare?: number; workers: number[]; ui: number };
  /** Each engine node's own address (not through HAProxy), in node order. */
  engineNodeUrls: string[];
  /** Each worker process's health server (`/halsa`, `/metrics`), when StackOptions.workerHalsaPort is set. */
  workerHalsaUrls: string[];
  /**
   * Starts one part again after it died, with the options it was first started
   * with, as an operator or compose would (the fault suite, test/fault/);
   * updates `pids`, and `stop` stops the new process with the rest. An engine
   * node (0-based; the only one unless BOKVAR_MOTORER is above 1) is refused
   * while it still runs.
   */
  restart: {
    database(): Promise<void>;
    engine(index?: number): Promise<number>;
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
  const run = startRun(options);
  try {
    // Before anything starts: without HAProxy there is no cluster to start.
    if (options.config.motorer > 1) requireHaproxy();
    await run.timed('motorbygge', async () => buildEngineIfOutdated(options.log, options.config.motor.motor));
    const database = await run.timed('databas', () => startStackDatabase(run));
    run.stops.push(database.stop);
    const engine = await run.timed('motor', () =>
      startEngineNodes(options.config, engineOptionsFor(run, database), run.logFile('haproxy'), options.log),
    );
    run.stops.push(() => engine.stop());
    await provision(run, new EngineRest(engine.restUrl, options.config.admin), database.appUrl);
    const services = serviceOptions(run, engine, database);
    const workers = await run.timed('workers', () =>
      Promise.all(Array.from({ length: options.config.workerReplicas }, (_, i) => startNodeService(services.workers(i)))),
    );
    for (const w of workers) run.stops.push(w.stop);
    const ui = await run.timed('ui', () => startNodeService(services.ui));
    run.stops.push(ui.stop);
    return runningStack(run, { database, engine, workers, ui, services });
  } catch (error) {
    await run.stopAll();
    throw error;
  }
}

/** What the start steps share: the options, the stop list (in start order) and the timings. */
interface StackRun {
  options: StackOptions;
  stops: (() => Promise<void>)[];
  timings: Record<string, number>;
  /** Runs one step and records how long it took. */
  timed<T>(step: string, run: () => Promise<T>): Promise<T>;
  /** Stops everything started so far, the last started first. */
  stopAll(): Promise<void>;
  logFile(name: string): string;
}

function startRun(options: StackOptions): StackRun {
  const stops: (() => Promise<void>)[] = [];
  const timings: Record<string, number> = {};
  return {
    options,
    stops,
    timings,
    async timed(step, run) {
      const started = performance.now();
      const result = await run();
      timings[step] = Math.round(performance.now() - started) / 1000;
      return result;
    },
    async stopAll() {
      for (const stop of stops.reverse()) await stop().catch((error) => options.log(`Fel vid stopp: ${String(error)}`));
      stops.length = 0;
    },
    logFile: (name) => path.join(options.logDir ?? path.join(options.config.dataDir, 'logs'), `${name}.log`),
  };
}

function startStackDatabase({ options }: StackRun): Promise<DatabaseServer> {
  const { config } = options;
  return startDatabase({
    databaseUrl: config.databaseUrl,
    engineDatabaseUrl: config.engineDatabaseUrl,
    embeddedPort: config.embeddedPostgresPort,
    dataDir: config.dataDir,
    recreate: options.recreateDatabases,
    log: options.log,
  });
}

/** One engine node's options; a restarted node gets the same. */
function engineOptionsFor(run: StackRun, database: DatabaseServer) {
  const { config } = run.options;
  return (port: number, name: string): EngineOptions => ({
    port,
    databaseUrl: database.engineUrl,
    readLogDatabaseUrl: database.appUrl,
    admin: config.admin,
    technicalUsers: { worker: config.worker.user, ui: config.ui.user },
    historyTimeToLive: config.historyTimeToLive,
    passwordPolicy: config.mode === 'produktion',
    ldap: config.ldap,
    motor: config.motor,
    ...(config.motorer > 1 ? { nodeName: name } : {}),
    logFile: run.logFile(name),
    startTimeoutMs: run.options.startTimeoutMs,
    metrikToken: run.options.metrikToken,
  });
}

/** Users, groups and filters in the engine; Bokvar's tables; synthetic data in development; the models. */
async function provision(run: StackRun, admin: EngineRest, appUrl: string): Promise<void> {
  const { config, log } = run.options;
  await run.timed('behorigheter', () => provisionIdentity(admin, { ...config, directory: config.ldap !== undefined }));
  await run.timed('filter', () => provisionFilters(admin));
  const applied = await run.timed('migreringar', () => migrateLatest(appUrl));
  if (applied.length > 0) log(`Migreringar: ${applied.join(', ')}`);
  if (config.mode === 'utveckling') {
    const seeded = await run.timed('syntetiska-data', () => laddaUtvecklingsdata(appUrl));
    if (seeded.laddad) log(`Syntetisk befolkning laddad: ${seeded.personer} personer, ${seeded.aktuella} aktuella`);
  }
  const changed = describeDeployed(
    await run.timed('driftsattning', () =>
      deployModels(admin).catch((error: unknown) => {
        // A changed diagram that kept its version tag: the process owner's to fix, said as such.
        throw error instanceof DriftsattningVagrad ? new StartupError(error.message) : error;
      }),
    ),
  );
  await run.timed('historik-ttl', () => applyHistoryTimeToLive(admin, config.historyTimeToLive));
  log(changed.length > 0 ? `Driftsatte ${changed.join(', ')}` : 'Modellerna är oförändrade');
}

interface ServiceOptions {
  workers(index: number): NodeServiceOptions;
  ui: NodeServiceOptions;
}

/** How the workers and the UI are started (and started again): their environment, log and ready line. */
function serviceOptions(run: StackRun, engine: EngineNodes, database: DatabaseServer): ServiceOptions {
  const { config, logDir, startTimeoutMs, metrikToken, workerHalsaPort } = run.options;
  const env = {
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
    // A node answers a waiting long poll at once only for tasks created in its
    // own JVM; a task created on another node waits for the poll to run out.
    // Shorter polls bound that wait (docs/kluster.md).
    ...(config.motorer > 1 && process.env.BOKVAR_WORKER_LONG_POLL_MS === undefined ? { BOKVAR_WORKER_LONG_POLL_MS: '5000' } : {}),
    ...(metrikToken === undefined ? {} : { BOKVAR_METRIK_TOKEN: metrikToken }),
  };
  const logFile = (name: string) => (logDir ? run.logFile(name) : undefined);
  return {
    workers(i) {
      const name = i === 0 ? 'workers' : `workers-${i + 1}`;
      // Each replica its own health port: they run side by side on one host.
      const halsa = workerHalsaPort === undefined ? {} : { BOKVAR_WORKER_HALSA_PORT: String(workerHalsaPort + i) };
      return {
        name,
        entry: 'workers/main.ts',
        env: { ...env, ...halsa },
        logFile: logFile(name),
        readyLine: /workers polling/,
        timeoutMs: startTimeoutMs,
      };
    },
    ui: { name: 'ui', entry: 'ui/main.ts', env, logFile: logFile('ui'), readyLine: /ui listening/, timeoutMs: startTimeoutMs },
  };
}

/** The started stack as its callers see it; a restart updates `pids` and joins the stop list. */
function runningStack(
  run: StackRun,
  started: { database: DatabaseServer; engine: EngineNodes; workers: NodeService[]; ui: NodeService; services: ServiceOptions },
): RunningStack {
  const { database, engine, services } = started;
  const pids: RunningStack['pids'] = {
    engine: engine.nodes[0]!.pid,
    engines: engine.nodes.map((n) => n.pid),
    ...(engine.lastbalanserarePid === undefined ? {} : { lastbalanserare: engine.lastbalanserarePid }),
    workers: started.workers.map((w) => w.pid),
    ui: started.ui.pid,
  };
  return {
    engineBaseUrl: engine.baseUrl,
    engineRestUrl: engine.restUrl,
    uiUrl: `http://localhost:${run.options.config.uiPort}`,
    databaseUrl: database.appUrl,
    engineDatabaseUrl: database.engineUrl,
    pids,
    engineNodeUrls: engine.nodes.map((n) => n.baseUrl),
    workerHalsaUrls:
      run.options.workerHalsaPort === undefined
        ? []
        : started.workers.map((_, i) => `http://127.0.0.1:${run.options.workerHalsaPort! + i}`),
    restart: {
      database: () => database.restart(),
      async engine(index = 0) {
        const pid = await engine.restartNode(index);
        pids.engines[index] = pid;
        if (index === 0) pids.engine = pid;
        return pid;
      },
      async workers(i) {
        const service = await startNodeService(services.workers(i));
        run.stops.push(service.stop);
        return (pids.workers[i] = service.pid);
      },
      async ui() {
        const service = await startNodeService(services.ui);
        run.stops.push(service.stop);
        return (pids.ui = service.pid);
      },
    },
    timings: run.timings,
    stop: () => run.stopAll(),
  };
}

interface EngineNodes {
  restUrl: string;
  baseUrl: string;
  nodes: EngineProcess[];
  lastbalanserarePid: number | undefined;
  restartNode(index: number): Promise<number>;
  stop(): Promise<void>;
}

/**
 * One engine on the engine port, or (BOKVAR_MOTORER above 1) Camunda's
 * homogeneous cluster: N nodes on the next ports, all on the one engine
 * database, and HAProxy on the engine port, so every address stays the same.
 * The first node starts alone: it creates or updates the engine's schema, which
 * two nodes must not do at once on an empty database.
 */
async function startEngineNodes(
  config: StackConfig,
  options: (port: number, name: string) => EngineOptions,
  haproxyLogFile: string,
  log: (line: string) => void,
): Promise<EngineNodes> {
  const nodes: EngineProcess[] = [];
  const restartNode = async (index: number, port: number, name: string) => {
    const node = nodes[index];
    if (!node) throw new Error(`Motornod ${index + 1} finns inte`);
    if (node.running()) throw new Error(`Motornod ${index + 1} kör redan (pid ${node.pid})`);
    log(`Startar om motornod ${index + 1} …`);
    nodes[index] = await startEngine(options(port, name));
    return nodes[index].pid;
  };
  if (config.motorer === 1) {
    log('Startar motorn …');
    nodes.push(await startEngine(options(config.enginePort, 'engine')));
    return {
      restUrl: nodes[0]!.restUrl,
      baseUrl: nodes[0]!.baseUrl,
      nodes,
      lastbalanserarePid: undefined,
      restartNode: (index) => restartNode(index, config.enginePort, 'engine'),
      stop: () => nodes[0]!.stop(),
    };
  }
  const nodePort = (i: number) => config.enginePort + 1 + i;
  const nodeName = (i: number) => `motor-${i + 1}`;
  const stopNodes = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  };
  try {
    log(`Startar ${config.motorer} motornoder (portar ${nodePort(0)}–${nodePort(config.motorer - 1)}) …`);
    nodes.push(await startEngine(options(nodePort(0), nodeName(0))));
    const rest = await Promise.all(
      Array.from({ length: config.motorer - 1 }, (_, i) => startEngine(options(nodePort(i + 1), nodeName(i + 1)))),
    );
    nodes.push(...rest);
    log(`Startar HAProxy på port ${config.enginePort} framför motornoderna …`);
    const balancer = await startLastbalanserare({
      port: config.enginePort,
      nodes: nodes.map((_, i) => ({ name: nodeName(i), host: '127.0.0.1', port: nodePort(i) })),
      dataDir: config.dataDir,
      logFile: haproxyLogFile,
    });
    const baseUrl = `http://127.0.0.1:${config.enginePort}`;
    return {
      baseUrl,
      restUrl: `${baseUrl}/engine-rest`,
      nodes,
      lastbalanserarePid: balancer.pid,
      restartNode: (index) => restartNode(index, nodePort(index), nodeName(index)),
      async stop() {
        await balancer.stop();
        await stopNodes();
      },
    };
  } catch (error) {
    await stopNodes();
    throw error;
  }
}
