import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { checkLdapEnvironment, ldapEnvironmentSchema, ldapSettings, type LdapSettings } from './ldap-config.ts';
import { HISTORIK_TTL_FEL, HISTORIK_TTL_FORMAT, HISTORIK_TTL_STANDARD } from '../domain/gallring.ts';

/**
 * The folder holding package.json: the repository under tsx, and also for the compiled
 * build, where this module is dist/scripts/config.js (in the image /app/dist/scripts/config.js).
 */
export const repoRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(dir: string): string {
  if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  const parent = path.dirname(dir);
  if (parent === dir) throw new Error(`Ingen package.json ovanför ${fileURLToPath(import.meta.url)}`);
  return findPackageRoot(parent);
}

/**
 * The settings of a whole Bokvar stack, read from the environment. Development
 * has documented defaults; production (BOKVAR_MILJO=produktion) has no default
 * password anywhere and refuses to start without them.
 */
const port = z.coerce.number().int().min(1).max(65535);

/**
 * The engine Bokvar runs on: Camunda 7 CE (the default) or Operaton, its
 * maintained fork, built from the same sources (engine/operaton/pom.xml,
 * docs/drift/operaton.md). The two differ, as far as Bokvar's callers see, only
 * in the jar and in where the webapps (Tasklist, Cockpit, Admin) live.
 */
export type Motor = 'camunda' | 'operaton';

export interface MotorSettings {
  motor: Motor;
  /** The webapps' root on the engine: /camunda, /operaton or BOKVAR_WEBAPP_SOKVAG. Tasklist is at <root>/app/tasklist/. */
  webappPath: string;
}

const WEBAPP_STANDARD: Record<Motor, string> = { camunda: '/camunda', operaton: '/operaton' };

const motorSchema = z.object({
  BOKVAR_MOTOR: z.enum(['camunda', 'operaton']).default('camunda'),
  // The engines take an application path with a leading slash and no trailing one.
  BOKVAR_WEBAPP_SOKVAG: z
    .string()
    .regex(/^(\/[A-Za-z0-9._-]+)+$/, 'en sökväg som /camunda: inledande snedstreck, inget avslutande')
    .optional(),
});

/** The one place that reads which engine runs and where its webapps are; everything else asks here. */
export function readMotorSettings(env: NodeJS.ProcessEnv = process.env): MotorSettings {
  const parsed = motorSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Ogiltig konfiguration i miljövariablerna:\n${problems}`);
  }
  return motorSettingsOf(parsed.data);
}

function motorSettingsOf(e: z.infer<typeof motorSchema>): MotorSettings {
  return { motor: e.BOKVAR_MOTOR, webappPath: e.BOKVAR_WEBAPP_SOKVAG ?? WEBAPP_STANDARD[e.BOKVAR_MOTOR] };
}

const environmentSchema = z
  .object({
    BOKVAR_MILJO: z.enum(['utveckling', 'produktion']).default('utveckling'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    BOKVAR_ENGINE_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    BOKVAR_EMBEDDED_PG_PORT: port.default(54329),
    BOKVAR_DATA_DIR: z.string().min(1).default(path.join(repoRoot, '.data')),
    BOKVAR_ENGINE_PORT: port.default(8080),
    BOKVAR_UI_PORT: port.default(3000),
    BOKVAR_ADMIN_USER: z.string().min(1).optional(),
    BOKVAR_ADMIN_PASSWORD: z.string().min(1).optional(),
    BOKVAR_WORKER_USER: z.string().min(1).default('bokvar-worker'),
    BOKVAR_WORKER_PASSWORD: z.string().min(1).optional(),
    BOKVAR_UI_USER: z.string().min(1).default('bokvar-ui'),
    BOKVAR_UI_PASSWORD: z.string().min(1).optional(),
    BOKVAR_WORKER_REPLICAS: z.coerce.number().int().min(1).max(8).default(1),
    BOKVAR_MOTORER: z.coerce.number().int().min(1).max(4).default(1),
    BOKVAR_HISTORIK_TTL: z.string().regex(HISTORIK_TTL_FORMAT, HISTORIK_TTL_FEL).default(HISTORIK_TTL_STANDARD),
    ...ldapEnvironmentSchema.shape,
    ...motorSchema.shape,
  })
  .superRefine((env, ctx) => {
    checkLdapEnvironment(env, ctx);
    if (env.BOKVAR_MILJO !== 'produktion') return;
    for (const key of ['BOKVAR_ADMIN_USER', 'BOKVAR_ADMIN_PASSWORD', 'BOKVAR_WORKER_PASSWORD', 'BOKVAR_UI_PASSWORD'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'krävs i produktion' });
    }
  });

export interface StackConfig {
  mode: 'utveckling' | 'produktion';
  /** Bokvar's own database; undefined means: start the embedded PostgreSQL. */
  databaseUrl: string | undefined;
  engineDatabaseUrl: string | undefined;
  embeddedPostgresPort: number;
  dataDir: string;
  enginePort: number;
  uiPort: number;
  admin: { user: string; password: string };
  worker: { user: string; password: string };
  /** Worker processes side by side, all fetching every topic (each with its own worker id). */
  workerReplicas: number;
  /**
   * Engine nodes on one database (Camunda's homogeneous cluster). Above 1 the
   * nodes listen on enginePort+1.. and HAProxy takes enginePort (docs/kluster.md).
   */
  motorer: number;
  /** The UI's technical engine user. */
  ui: { user: string; password: string };
  historyTimeToLive: string;
  /** The municipality's directory as identity service; undefined: the engine's own tables. */
  ldap: LdapSettings | undefined;
  /** Camunda or Operaton, and the webapps' path (readMotorSettings). */
  motor: MotorSettings;
}

export const DEV_ADMIN = { user: 'demo', password: 'demo' } as const;
export const DEV_WORKER_PASSWORD = 'bokvar-worker-utveckling';
export const DEV_UI_PASSWORD = 'bokvar-ui-utveckling';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readStackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Ogiltig konfiguration i miljövariablerna:\n${problems}`);
  }
  const e = parsed.data;
  return {
    mode: e.BOKVAR_MILJO,
    databaseUrl: e.DATABASE_URL,
    engineDatabaseUrl: e.BOKVAR_ENGINE_DATABASE_URL,
    embeddedPostgresPort: e.BOKVAR_EMBEDDED_PG_PORT,
    dataDir: path.resolve(e.BOKVAR_DATA_DIR),
    enginePort: e.BOKVAR_ENGINE_PORT,
    uiPort: e.BOKVAR_UI_PORT,
    admin: {
      user: e.BOKVAR_ADMIN_USER ?? DEV_ADMIN.user,
      password: e.BOKVAR_ADMIN_PASSWORD ?? DEV_ADMIN.password,
    },
    worker: { user: e.BOKVAR_WORKER_USER, password: e.BOKVAR_WORKER_PASSWORD ?? DEV_WORKER_PASSWORD },
    workerReplicas: e.BOKVAR_WORKER_REPLICAS,
    motorer: e.BOKVAR_MOTORER,
    ui: { user: e.BOKVAR_UI_USER, password: e.BOKVAR_UI_PASSWORD ?? DEV_UI_PASSWORD },
    historyTimeToLive: e.BOKVAR_HISTORIK_TTL,
    ldap: ldapSettings(e),
    motor: motorSettingsOf(e),
  };
}
