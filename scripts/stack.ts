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
  /**
   * `engine` is the first engine node; `engines` all of them (one unless
   * BOKVAR_MOTORER is above 1); `lastbalanserare` is HAProxy's, when it runs.
   */
  pids: { engine: number; engines: number[]; lastbalanserare?: number; workers: number[]; ui: number };
  /** Each engine node's own address (not through HAProxy), in node order. */
  engineNodeUrls: string[];
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
    // Before anything starts: without HAProxy there is no cluster to start.
    if (config.motorer > 1) requireHaproxy();
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

    const engineOptions = (port: number, name: string): EngineOptions => ({
      port,
      databaseUrl: database.engineUrl,
      readLogDatabaseUrl: database.appUrl,
      admin: config.admin,
      technicalUsers: { worker: config.worker.user, ui: config.ui.user },
      historyTimeToLive: config.historyTimeToLive,
      passwordPolicy: config.mode === 'produktion',
      ldap: config.ldap,
      ...(config.motorer > 1 ? { nodeName: name } : {}),
      logFile: logFile(name),
      startTimeoutMs: options.startTimeoutMs,
    });
    const engine = await timed('motor', () => startEngineNodes(config, engineOptions, logFile('haproxy'), log));
    stops.push(() => engine.stop());

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
      // A node answers a waiting long poll at once only for tasks created in its
      // own JVM; a task created on another node waits for the poll to run out.
      // Shorter polls bound that wait (docs/kluster.md).
      ...(config.motorer > 1 && process.env.BOKVAR_WORKER_LONG_POLL_MS === undefined
        ? { BOKVAR_WORKER_LONG_POLL_MS: '5000' }
        : {}),
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

    const pids: RunningStack['pids'] = {
      engine: engine.nodes[0]!.pid,
      engines: engine.nodes.map((n) => n.pid),
      ...(engine.lastbalanserarePid === undefined ? {} : { lastbalanserare: engine.lastbalanserarePid }),
      workers: workers.map((w) => w.pid),
      ui: ui.pid,
    };
    return {
      engineBaseUrl: engine.baseUrl,
      engineRestUrl: engine.restUrl,
      uiUrl: `http://localhost:${config.uiPort}`,
      databaseUrl: database.appUrl,
      engineDatabaseUrl: database.engineUrl,
      pids,
      engineNodeUrls: engine.nodes.map((n) => n.baseUrl),
      restart: {
        database: () => database.restart(),
        async engine(index = 0) {
          const pid = await engine.restartNode(index);
          pids.engines[index] = pid;
          if (index === 0) pids.engine = pid;
          return pid;
        },
        async workers(i) {
          const started = await startNodeService(workerOptions(i));
          stops.push(started.stop);
          return (pids.workers[i] = started.pid);
        },
        async ui() {
          const started = await startNodeService(uiOptions);
          stops.push(started.stop);
          return (pids.ui = started.pid);
        },
      },
      timings,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
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

