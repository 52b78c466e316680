import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.ts';
import { databaseUnreachable } from './startup-error.ts';

/**
 * PostgreSQL for the engine and for Bokvar's own tables: the server named by
 * DATABASE_URL, or an embedded one under the data folder when none is named,
 * so that a fresh machine needs no database install.
 */
export interface DatabaseServer {
  /** URL of Bokvar's own database. */
  appUrl: string;
  /** URL of the engine's database (same server, its own database). */
  engineUrl: string;
  stop(): Promise<void>;
  /** Starts the embedded server again after it died (the fault suite); a named server is not Bokvar's to start. */
  restart(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  engineDatabaseUrl: string | undefined;
  embeddedPort: number;
  dataDir: string;
  /** Drop and recreate both databases (tests start from a known state). */
  recreate?: boolean;
  log?: (line: string) => void;
}

const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'bokvar';

/** Bokvar's database on the embedded server `npm start` runs (no DATABASE_URL). */
export function embeddedAppUrl(port: number): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/bokvar`;
}

export async function startDatabase(options: DatabaseOptions): Promise<DatabaseServer> {
  const log = options.log ?? (() => {});
  let stop = async () => {};
  let restart: () => Promise<void> = async () => {
    throw new Error('Databasen i DATABASE_URL startas inte av Bokvar; starta om den där den körs.');
  };
  let appUrl = options.databaseUrl;
  if (!appUrl) {
    const start = () =>
      startEmbeddedDatabase({
        dataDir: options.dataDir,
        port: options.embeddedPort,
        user: EMBEDDED_USER,
        password: EMBEDDED_PASSWORD,
        log,
      });
    let embedded = await start();
    stop = () => embedded.stop();
    restart = async () => {
      embedded = await restartEmbedded(start, log);
    };
    appUrl = embeddedAppUrl(options.embeddedPort);
  }
  const engineUrl = options.engineDatabaseUrl ?? siblingDatabase(appUrl, '_engine');
  try {
    for (const [url, setting] of [
      [appUrl, 'DATABASE_URL'],
      [engineUrl, options.engineDatabaseUrl ? 'BOKVAR_ENGINE_DATABASE_URL' : 'DATABASE_URL'],
    ] as const) {
      await ensureDatabase(url, options.recreate ?? false).catch((error: unknown) => {
        throw databaseUnreachable(error, redactPassword(url), setting) ?? error;
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { appUrl, engineUrl, stop, restart };
}

/**
 * After the postmaster died its backends end on their own within moments; until
 * they have, the old shared memory is still in use and a new postmaster refuses
 * to start, so the start is tried again for a while.
 */
async function restartEmbedded(start: () => Promise<EmbeddedDatabase>, log: (line: string) => void): Promise<EmbeddedDatabase> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const embedded = await start();
      log('Inbäddad PostgreSQL startad igen');
      return embedded;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`Inbäddad PostgreSQL startade inte igen: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

export function siblingDatabase(url: string, suffix: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/' + databaseName(url) + suffix;
  return parsed.toString();
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
    throw new Error(`Databasnamnet i ${redactPassword(url)} måste bestå av a–z, 0–9 och _`);
  }
  return name;
}

/** Creates the database named in the URL if missing (dropped and created anew with `recreate`). */
export async function ensureDatabase(url: string, recreate: boolean): Promise<void> {
  const name = databaseName(url);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    if (recreate) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/** JDBC form of a postgres:// URL, for the engine's Spring datasource. */
export function toJdbc(url: string): { jdbcUrl: string; user: string; password: string } {
  const parsed = new URL(url);
  const host = parsed.hostname === 'localhost' ? '127.0.0.1' : parsed.hostname;
  return {
    jdbcUrl: `jdbc:postgresql://${host}:${parsed.port || '5432'}${parsed.pathname}`,
    user: decodeURIComponent(parsed.username || 'postgres'),
    password: decodeURIComponent(parsed.password),
  };
}

export function redactPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
