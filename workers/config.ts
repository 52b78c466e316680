import { z } from 'zod';

const schema = z.object({
  BOKVAR_ENGINE_URL: z.url(),
  BOKVAR_WORKER_USER: z.string().min(1),
  BOKVAR_WORKER_PASSWORD: z.string().min(1),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  /** How long one fetch-and-lock request waits for work (long polling). */
  BOKVAR_WORKER_LONG_POLL_MS: z.coerce.number().int().min(1000).max(60_000).default(20_000),
  /** Handlers running at once for the quick steps (every topic but letters). */
  BOKVAR_WORKER_MAX_PARALLEL: z.coerce.number().int().min(1).max(100).default(8),
  /** Letters written at once: PDF writing is CPU-bound, so about one per core. */
  BOKVAR_WORKER_BREV_PARALLEL: z.coerce.number().int().min(1).max(32).default(2),
  /**
   * Pause before the next fetch once one returns. Long polling waits for work,
   * so no pause is needed: a task created meanwhile is fetched at once.
   */
  BOKVAR_WORKER_POLL_INTERVAL_MS: z.coerce.number().int().min(0).max(300).default(5),
  /**
   * The pause while handlers run: slots that free up meanwhile are filled by one
   * fetch instead of one fetch each (a fetch is the engine's dearest call in a burst).
   */
  BOKVAR_WORKER_BUSY_INTERVAL_MS: z.coerce.number().int().min(0).max(1000).default(50),
  /** This process's name in the engine (locked tasks, history); default host name and process id. */
  BOKVAR_WORKER_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,60}$/)
    .optional(),
  /** Attempts for a technical failure before it becomes an incident. */
  BOKVAR_WORKER_RETRIES: z.coerce.number().int().min(1).max(20).default(5),
  /** First pause before a retry; doubles with each attempt. */
  BOKVAR_WORKER_RETRY_BASE_MS: z.coerce.number().int().min(100).default(10_000),
  BOKVAR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Port of the health check (`GET /halsa`, workers/halsa.ts); 0 lets the system
   * choose a free one. Unset: no health check, so that the processes `npm start`
   * and the tests run side by side do not compete for one port; compose sets it.
   */
  BOKVAR_WORKER_HALSA_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
  /**
   * The health check fails when no fetch has succeeded for this long. An idle
   * fetch returns only when its long poll runs out, so it must exceed that;
   * default three long polls.
   */
  BOKVAR_WORKER_HALSA_MAX_SEKUNDER: z.coerce.number().int().min(1).max(3600).optional(),
  /**
   * The bearer token for `GET /metrics` on the health port (docs/drift/metrik.md).
   * Unset or empty: metrics are off and the path answers 404.
   */
  BOKVAR_METRIK_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
});

const checked = schema
  .superRefine((env, ctx) => {
    const max = env.BOKVAR_WORKER_HALSA_MAX_SEKUNDER;
    if (max !== undefined && max * 1000 <= env.BOKVAR_WORKER_LONG_POLL_MS) {
      ctx.addIssue({
        code: 'custom',
        input: max,
        path: ['BOKVAR_WORKER_HALSA_MAX_SEKUNDER'],
        message: 'måste vara längre än BOKVAR_WORKER_LONG_POLL_MS',
      });
    }
  })
  .transform((env) => ({
    ...env,
    BOKVAR_WORKER_HALSA_MAX_SEKUNDER: env.BOKVAR_WORKER_HALSA_MAX_SEKUNDER ?? Math.ceil((3 * env.BOKVAR_WORKER_LONG_POLL_MS) / 1000),
  }));

export type WorkerConfig = z.infer<typeof checked>;

export class WorkerConfigError extends Error {
  override name = 'WorkerConfigError';
}

/** Reads and validates the workers' settings; a bad one stops start-up, named. */
export function readWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = checked.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .map((issue) => `  ${issue.path.join('.')}: ${issue.input === undefined && issue.code !== 'custom' ? 'saknas' : issue.message}`)
    .join('\n');
  throw new WorkerConfigError(`Workers kan inte starta, ogiltig konfiguration:\n${problems}`);
}
