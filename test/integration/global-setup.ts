import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { readStackConfig, repoRoot } from '../../scripts/config.ts';
import { startStack } from '../../scripts/stack.ts';

/**
 * Starts the whole stack once for the integration tests, on ports of its own so
 * that a running development stack is not disturbed. The databases are created
 * anew each run. BOKVAR_TEST_DATABASE_URL names a PostgreSQL server to use (CI
 * uses the machine's); without it an embedded PostgreSQL starts. BOKVAR_TEST_ENGINE_PORT,
 * BOKVAR_TEST_UI_PORT, BOKVAR_TEST_PG_PORT and BOKVAR_TEST_DATA_DIR let two runs share a machine.
 */
export default async function setup(project: TestProject) {
  const dataDir = process.env.BOKVAR_TEST_DATA_DIR ?? path.join(repoRoot, '.data', 'test');
  process.env.BOKVAR_WORKER_RETRY_BASE_MS ??= '500';
  process.env.BOKVAR_WORKER_LONG_POLL_MS ??= '5000';
  // The workers read a copy of the deadline settings, which a test may change while they run (installningar.test.ts).
  const installningarFil = path.join(dataDir, 'installningar', 'installningar.json');
  fs.mkdirSync(path.dirname(installningarFil), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, 'frister', 'installningar.json'), installningarFil);
  process.env.BOKVAR_FRISTER_INSTALLNINGAR = installningarFil;
  const config = readStackConfig({
    ...process.env,
    BOKVAR_MILJO: 'utveckling',
    DATABASE_URL: process.env.BOKVAR_TEST_DATABASE_URL,
    BOKVAR_ENGINE_DATABASE_URL: undefined,
    BOKVAR_ENGINE_PORT: process.env.BOKVAR_TEST_ENGINE_PORT ?? '18080',
    BOKVAR_UI_PORT: process.env.BOKVAR_TEST_UI_PORT ?? '13000',
    BOKVAR_EMBEDDED_PG_PORT: process.env.BOKVAR_TEST_PG_PORT ?? '54339',
    BOKVAR_DATA_DIR: dataDir,
  });
  // Metrics on (docs/drift/metrik.md): a fresh token each run, and the workers' health and metrics port.
  const metrikToken = process.env.BOKVAR_TEST_METRIK_TOKEN ?? randomBytes(24).toString('hex');
  const workerHalsaPort = Number(process.env.BOKVAR_TEST_WORKER_HALSA_PORT ?? '13100');
  const stack = await startStack({
    config,
    recreateDatabases: true,
    logDir: path.join(dataDir, 'logs'),
    metrikToken,
    workerHalsaPort,
    log: (line) => process.stdout.write(`[test-stack] ${line}\n`),
  });
  project.provide('stack', {
    engineBaseUrl: stack.engineBaseUrl,
    engineRestUrl: stack.engineRestUrl,
    webappUrl: `${stack.engineBaseUrl}${config.motor.webappPath}`,
    uiUrl: stack.uiUrl,
    databaseUrl: stack.databaseUrl,
    engineDatabaseUrl: stack.engineDatabaseUrl,
    admin: config.admin,
    worker: config.worker,
    ui: config.ui,
    installningarFil,
    logDir: path.join(dataDir, 'logs'),
    metrikToken,
    workerHalsaUrl: stack.workerHalsaUrls[0]!,
  });
  return async () => {
    await stack.stop();
  };
}

export interface ProvidedStack {
  engineBaseUrl: string;
  engineRestUrl: string;
  /** The engine's webapps (Tasklist, Cockpit, Admin): <engine>/camunda, or /operaton on Operaton (BOKVAR_MOTOR). */
  webappUrl: string;
  uiUrl: string;
  databaseUrl: string;
  /** The engine's own database, for tests that must see what its tables hold (protected identity). */
  engineDatabaseUrl: string;
  admin: { user: string; password: string };
  worker: { user: string; password: string };
  ui: { user: string; password: string };
  /** The deadline settings file the workers read (a copy of frister/installningar.json). */
  installningarFil: string;
  /** Where every process of the test stack writes its log (engine.log, ui.log, workers.log …). */
  logDir: string;
  /** BOKVAR_METRIK_TOKEN of the engine, the UI and the workers. */
  metrikToken: string;
  /** The first worker process's health server: `/halsa` and `/metrics`. */
  workerHalsaUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: ProvidedStack;
  }
}
