import os from 'node:os';
import { BasicAuthInterceptor, Client } from 'camunda-external-task-client-js';
import type { Logger } from 'pino';
import type { WorkerConfig } from './config.ts';
import type { TaskMetrik } from './metrik.ts';
import { runSafely, type RetryPolicy } from './run-safely.ts';
import type { TopicWorker } from './topic.ts';

/**
 * The workers' fetch loops. Each group of topics has its own external-task
 * client and its own slots, so that letters (CPU-bound PDF writing) never make
 * the quick register and deadline steps wait. A client long-polls the engine
 * and asks again at once when a poll returns (`interval` near 0): a task the
 * engine creates while a poll waits is handed over the moment it exists, and a
 * case moves on without the client's default 300 ms pause at every step.
 */
export interface Group {
  name: string;
  topics: TopicWorker[];
  slots: number;
}

/** Letters are written here, one CPU core's work each; every other step waits on I/O. */
export const CPU_BOUND_TOPICS = new Set(['brev']);

export function groups(topics: TopicWorker[], config: WorkerConfig): Group[] {
  const letters = topics.filter((t) => CPU_BOUND_TOPICS.has(t.topic));
  const others = topics.filter((t) => !CPU_BOUND_TOPICS.has(t.topic));
  return [
    { name: 'steg', topics: others, slots: config.BOKVAR_WORKER_MAX_PARALLEL },
    { name: 'brev', topics: letters, slots: config.BOKVAR_WORKER_BREV_PARALLEL },
  ].filter((g) => g.topics.length > 0);
}

/**
 * Two fetchers on one topic (worker replicas, engine nodes) sometimes make the
 * engine answer fetchAndLock with HTTP 500: a NullPointerException while it
 * reads a task another fetcher has just completed. Nothing is locked or lost;
 * asking again is right, and it is counted, not alarmed on.
 */
export function isFetchConflict(error: unknown): boolean {
  const status = (error as { httpStatusCode?: number } | null)?.httpStatusCode;
  return status === 500 && error instanceof Error && /NullPointerException/.test(error.message);
}

/** One group's fetch loop as the health check sees it (workers/halsa.ts). */
export interface GroupState {
  name: string;
  /** When a fetch last succeeded (ms since the epoch); the start until the first one. */
  lastSuccess: number;
  /** Every slot runs a task: the client does not fetch then, by design. */
  full: boolean;
}

export interface Polling {
  clients: Client[];
  groups(): GroupState[];
  /** Tasks running now, over all groups. */
  active(): number;
  pollsInFlight(): number;
  stop(): void;
}

/**
 * This process's name in the engine. Without BOKVAR_WORKER_ID it is the host
 * name and process id: in compose every replica is its own container with its
 * own host name (the container id), while the process id there is the same in
 * each, so the host name is what tells replicas apart.
 */
export function workerId(config: WorkerConfig, hostname = os.hostname(), pid = process.pid): string {
  return config.BOKVAR_WORKER_ID ?? `${hostname}-${pid}`;
}

/**
 * How long a stopping process waits for its fetches and handlers: a long poll
 * already sent may still hand over tasks, and those then run. compose's
 * stop_grace_period must exceed it, or Docker kills the process mid-task.
 */
export function drainMs(config: WorkerConfig): number {
  return config.BOKVAR_WORKER_LONG_POLL_MS + 60_000;
}

export function startPolling(topics: TopicWorker[], config: WorkerConfig, policy: RetryPolicy, log: Logger, metrik?: TaskMetrik): Polling {
  const id = workerId(config);
  const started = Date.now();
  const states: GroupState[] = [];
  let inFlight = 0;
  let conflicts = 0;
  let stopped = false;
  const clients = groups(topics, config).map((group) => {
    const client = new Client({
      baseUrl: config.BOKVAR_ENGINE_URL,
      // The engine's history names the process and the group that locked each task.
      workerId: `bokvar-${id}-${group.name}`,
      interceptors: new BasicAuthInterceptor({ username: config.BOKVAR_WORKER_USER, password: config.BOKVAR_WORKER_PASSWORD }),
      asyncResponseTimeout: config.BOKVAR_WORKER_LONG_POLL_MS,
      interval: config.BOKVAR_WORKER_POLL_INTERVAL_MS,
      maxTasks: group.slots,
      maxParallelExecutions: group.slots,
      usePriority: true,
      autoPoll: false,
    });
    let pause = 0;
    let lastSuccess = started;
    states.push({
      name: group.name,
      get lastSuccess() {
        return lastSuccess;
      },
      get full() {
        return client.activeTasksCount >= group.slots;
      },
    });
    // The client says 'poll:start' also when every slot is busy and it only schedules
    // the next try (no fetch, so no success or error follows): count only real fetches.
    client.on('poll:start', () => {
      if (client.activeTasksCount < group.slots) inFlight += 1;
    });
    client.on('poll:success', (tasks: unknown) => {
      inFlight -= 1;
      pause = 0;
      lastSuccess = Date.now();
      // Each fetch is one authorization-checked query over every waiting task, the
      // engine's dearest call in a burst. While handlers run, let slots gather and
      // fetch several at once; with nothing running, ask again at once.
      const busy = client.activeTasksCount + (Array.isArray(tasks) ? tasks.length : 0) > 0;
      client.options.interval = busy ? config.BOKVAR_WORKER_BUSY_INTERVAL_MS : config.BOKVAR_WORKER_POLL_INTERVAL_MS;
    });
    client.on('poll:error', (error: unknown) => {
      inFlight -= 1;
      if (isFetchConflict(error)) {
        // the engine answered: for the health check that is a fetch that reached it
        lastSuccess = Date.now();
        conflicts += 1;
        log.info({ group: group.name, conflicts }, 'fetch conflict');
        return;
      }
      // The engine is away or refuses: wait longer each time (up to 10 s) instead of asking every few ms.
      pause = Math.min(Math.max(pause * 2, 500), 10_000);
      log.warn({ group: group.name, err: error instanceof Error ? error.message : String(error), pauseMs: pause }, 'poll failed');
      client.stop();
      // Not unref'd: while the engine is away this timer is all that keeps the
      // process alive, and a worker that quietly exits leaves every step standing.
      setTimeout(() => {
        if (!stopped) client.start();
      }, pause);
    });
    for (const worker of group.topics) {
      client.subscribe(
        worker.topic,
        { lockDuration: worker.lockDurationMs, variables: Object.keys(worker.input.shape) },
        runSafely(worker, policy, log, metrik),
      );
    }
    client.start();
    return client;
  });
  return {
    clients,
    groups: () => states.map((s) => ({ name: s.name, lastSuccess: s.lastSuccess, full: s.full })),
    active: () => clients.reduce((sum, c) => sum + c.activeTasksCount, 0),
    pollsInFlight: () => inFlight,
    stop: () => {
      stopped = true;
      for (const c of clients) c.stop();
    },
  };
}
