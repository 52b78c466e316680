import path from 'node:path';
import { readStackConfig, repoRoot, type StackConfig } from '../scripts/config.ts';
import { startStack } from '../scripts/stack.ts';

/**
 * A whole stack of a benchmark's own (development mode, fresh databases) on
 * its own ports and database, so that it runs beside `npm start` and the
 * tests. BOKVAR_BENCH_DATABASE_URL, BOKVAR_BENCH_ENGINE_PORT and
 * BOKVAR_BENCH_UI_PORT override the defaults.
 */
export async function startBenchStack(name: string, defaults: { database: string; enginePort: number; uiPort: number }) {
  const dataDir = path.join(repoRoot, '.data', `bench-${name}`);
  const config: StackConfig = readStackConfig({
    ...process.env,
    BOKVAR_MILJO: 'utveckling',
    DATABASE_URL: process.env.BOKVAR_BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${defaults.database}`,
    BOKVAR_ENGINE_DATABASE_URL: undefined,
    BOKVAR_ENGINE_PORT: process.env.BOKVAR_BENCH_ENGINE_PORT ?? String(defaults.enginePort),
    BOKVAR_UI_PORT: process.env.BOKVAR_BENCH_UI_PORT ?? String(defaults.uiPort),
    BOKVAR_DATA_DIR: dataDir,
  });
  const stack = await startStack({
    config,
    recreateDatabases: true,
    logDir: path.join(dataDir, 'logs'),
    log: (l) => console.error(`[stack] ${l}`),
  });
  return { config, stack };
}
