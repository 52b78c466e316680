import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readMotorSettings, repoRoot, type Motor, type MotorSettings } from './config.ts';
import { toJdbc } from './database.ts';
import { ldapEngineEnvironment, type LdapSettings } from './ldap-config.ts';
import { StartupError } from './startup-error.ts';
import { waitFor } from './wait.ts';

const engineDir = path.join(repoRoot, 'engine');

/**
 * Each engine's jar and the Maven project that builds it. Operaton's build
 * (engine/operaton/pom.xml) compiles engine/src renamed, so both depend on engine/src.
 */
const builds: Record<Motor, { jar: string; pom: string; name: string }> = {
  camunda: { jar: path.join(engineDir, 'target', 'bokvar-engine.jar'), pom: path.join(engineDir, 'pom.xml'), name: 'Camunda 7.24' },
  operaton: {
    jar: path.join(engineDir, 'target', 'bokvar-engine-operaton.jar'),
    pom: path.join(engineDir, 'operaton', 'pom.xml'),
    name: 'Operaton',
  },
};

export function engineJarFor(motor: Motor): string {
  return builds[motor].jar;
}

/** The files whose change makes the engine's jar out of date. */
export function engineSourcesFor(motor: Motor): string[] {
  return [...new Set([path.join(engineDir, 'pom.xml'), builds[motor].pom, path.join(engineDir, 'src')])];
}

/** Builds the engine jar with Maven when it is missing or older than its sources. */
export function buildEngineIfOutdated(log: (line: string) => void, motor: Motor = readMotorSettings().motor): void {
  const { jar, pom, name } = builds[motor];
  const jarTime = fs.existsSync(jar) ? fs.statSync(jar).mtimeMs : 0;
  const sourceTime = newestModification(engineSourcesFor(motor));
  if (jarTime >= sourceTime) return;
  log(`Bygger motorn (${name} på Spring Boot) med Maven …`);
  const result = spawnSync('mvn', ['-q', '-B', '-f', pom, 'package', '-DskipTests'], {
    cwd: engineDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error(`Maven-bygget av motorn misslyckades (kod ${result.status ?? result.signal}).`);
  }
}

function newestModification(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestModification([path.join(p, entry)]));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

export interface EngineOptions {
  port: number;
  databaseUrl: string;
  /** Bokvar's own database: the engine writes its reads of case data into the read log there. */
  readLogDatabaseUrl: string;
  admin: { user: string; password: string };
  /** Bokvar's technical users; the read log puts their reads in their own category. */
  technicalUsers: { worker: string; ui: string };
  historyTimeToLive: string;
  passwordPolicy: boolean;
  /** The directory as identity service (docs/ldap.md); undefined: the engine's own user tables. */
  ldap?: LdapSettings | undefined;
  /** The node's name in the engine's job log (BOKVAR_MOTORER above 1). */
  nodeName?: string | undefined;
  logFile: string;
  /** How long to wait for the engine to answer; default 240 s. */
  startTimeoutMs?: number;
  /** Camunda or Operaton and the webapps' path; default readMotorSettings(). */
  motor?: MotorSettings | undefined;
  /** BOKVAR_METRIK_TOKEN: the bearer token of /actuator/prometheus (docs/drift/metrik.md); unset, the environment's. */
  metrikToken?: string | undefined;
  /** BOKVAR_ENGINE_SCHEMA: who creates the engine's tables (docs/drift/uppgradering.md); unset, the environment's (default auto). */
  schema?: 'auto' | 'liquibase' | 'manuell' | undefined;
}

export interface EngineProcess {
  restUrl: string;
  baseUrl: string;
  pid: number;
  /** False once the process has exited or been killed. */
  running(): boolean;
  stop(): Promise<void>;
}

export async function startEngine(options: EngineOptions): Promise<EngineProcess> {
  const db = toJdbc(options.databaseUrl);
  const readLogDb = toJdbc(options.readLogDatabaseUrl);
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const logStream = fs.openSync(options.logFile, 'a');
  const motor = options.motor ?? readMotorSettings();
  const child = spawn('java', ['-Xms256m', '-Xmx1g', '-jar', engineJarFor(motor.motor)], {
    cwd: engineDir,
    stdio: ['ignore', logStream, logStream],
    env: {
      ...process.env,
      BOKVAR_ENGINE_PORT: String(options.port),
      BOKVAR_ENGINE_JDBC_URL: db.jdbcUrl,
      BOKVAR_ENGINE_DB_USER: db.user,
      BOKVAR_ENGINE_DB_PASSWORD: db.password,
      BOKVAR_LASLOGG_JDBC_URL: readLogDb.jdbcUrl,
      BOKVAR_LASLOGG_DB_USER: readLogDb.user,
      BOKVAR_LASLOGG_DB_PASSWORD: readLogDb.password,
      BOKVAR_ADMIN_USER: options.admin.user,
      BOKVAR_ADMIN_PASSWORD: options.admin.password,
      BOKVAR_WORKER_USER: options.technicalUsers.worker,
      BOKVAR_UI_USER: options.technicalUsers.ui,
      BOKVAR_HISTORIK_TTL: options.historyTimeToLive,
      BOKVAR_LOSENORDSPOLICY: String(options.passwordPolicy),
      BOKVAR_WEBAPP_SOKVAG: motor.webappPath,
      ...ldapEngineEnvironment(options.ldap),
      ...(options.nodeName ? { BOKVAR_MOTORNOD: options.nodeName } : {}),
      ...(options.metrikToken === undefined ? {} : { BOKVAR_METRIK_TOKEN: options.metrikToken }),
      ...(options.schema === undefined ? {} : { BOKVAR_ENGINE_SCHEMA: options.schema }),
    },
  });
  fs.closeSync(logStream);
  // Without a listener a failed spawn (java gone since the check) would crash the start with a stack trace.
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  try {
    await waitFor(`motorn på ${baseUrl}`, options.startTimeoutMs ?? 240_000, async () => {
      if (spawnError)
        throw new StartupError(
          `Motorn kunde inte startas (java: ${spawnError.message}). Installera Java 17 eller senare (apt-get install openjdk-17-jre-headless).`,
        );
      if (child.exitCode !== null) {
        throw new Error(`Motorn avslutades (kod ${child.exitCode}); se ${options.logFile}`);
      }
      const response = await fetch(`${baseUrl}/actuator/health`).catch(() => undefined);
      return response?.ok === true;
    });
  } catch (error) {
    await stopChild(child, exited);
    throw error;
  }
  return {
    baseUrl,
    restUrl: `${baseUrl}/engine-rest`,
    pid: child.pid ?? -1,
    running: () => child.exitCode === null && child.signalCode === null,
    stop: () => stopChild(child, exited),
  };
}

export async function stopChild(child: ChildProcess, exited: Promise<unknown>, graceMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
