import { z } from 'zod';
import { databaseName, embeddedAppUrl, redactPassword, siblingDatabase } from '../database.ts';
import { BackupError, connection, run, type PgTools } from './pg-tools.ts';

/**
 * Bokvar's two databases, found as the stack finds them (scripts/config.ts,
 * scripts/database.ts): DATABASE_URL, or the embedded server of `npm start`
 * when it is unset; the engine's BOKVAR_ENGINE_DATABASE_URL, or the database
 * beside Bokvar's with the suffix _engine.
 */
export type Role = 'bokvar' | 'motor';

export interface Databases {
  bokvar: string;
  motor: string;
  /** No DATABASE_URL: the embedded server of `npm start`. */
  embedded: boolean;
}

const postgresUrl = z.url({ protocol: /^postgres(ql)?$/ });
const environment = z.object({
  DATABASE_URL: postgresUrl.optional(),
  BOKVAR_ENGINE_DATABASE_URL: postgresUrl.optional(),
  BOKVAR_EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
});

export function databasesFromEnv(env: NodeJS.ProcessEnv): Databases {
  const parsed = environment.safeParse({
    DATABASE_URL: env.DATABASE_URL || undefined,
    BOKVAR_ENGINE_DATABASE_URL: env.BOKVAR_ENGINE_DATABASE_URL || undefined,
    BOKVAR_EMBEDDED_PG_PORT: env.BOKVAR_EMBEDDED_PG_PORT || undefined,
  });
  if (!parsed.success) {
    throw new BackupError(`Ogiltig miljövariabel: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  const bokvar = e.DATABASE_URL ?? embeddedAppUrl(e.BOKVAR_EMBEDDED_PG_PORT);
  const motor = e.BOKVAR_ENGINE_DATABASE_URL ?? siblingDatabase(bokvar, '_engine');
  checkedName(bokvar);
  checkedName(motor);
  return { bokvar, motor, embedded: e.DATABASE_URL === undefined };
}

/** The database's name; only a–z, 0–9 and _ (so that a name can stand in SQL without quoting tricks). */
export function checkedName(url: string): string {
  try {
    return databaseName(url);
  } catch (error) {
    throw new BackupError(error instanceof Error ? error.message : String(error));
  }
}

/** The same server, another database. */
export function withDatabase(url: string, name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new BackupError(`Databasnamnet ${name} måste bestå av a–z, 0–9 och _ och börja med en bokstav eller _`);
  const parsed = new URL(url);
  parsed.pathname = '/' + name;
  return parsed.toString();
}

/** Where a server is, for messages: host, port and database, never the password. */
export function describeUrl(url: string): string {
  const parsed = new URL(redactPassword(url));
  return `${checkedName(url)} på ${decodeURIComponent(parsed.hostname) || 'lokal socket'}${parsed.port ? `:${parsed.port}` : ''}`;
}

/** One query through psql; the rows, one string each (a single column). */
export async function query(tools: PgTools, url: string, sql: string): Promise<string[]> {
  const target = connection(url);
  const result = await run(tools, 'psql', ['-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', `--dbname=${target.url}`, '-c', sql], {
    env: target.env,
  });
  if (result.code !== 0) {
    throw new BackupError(`Frågan mot ${describeUrl(url)} misslyckades: ${result.error || `psql kod ${result.code}`}`);
  }
  return result.stdout.split('\n').filter((line) => line !== '');
}

export async function serverVersion(tools: PgTools, url: string): Promise<{ major: number; version: string }> {
  const [number, version] = await query(
    tools,
    url,
    "SELECT current_setting('server_version_num') || '|' || current_setting('server_version')",
  ).then((rows) => (rows[0] ?? '').split('|'));
  const major = Math.floor(Number(number) / 10_000);
  if (!Number.isInteger(major) || major < 9) throw new BackupError(`Okänd serverversion från ${describeUrl(url)}`);
  return { major, version: (version ?? '').split(' ')[0] ?? '' };
}

function maintenance(url: string): string {
  return withDatabase(url, 'postgres');
}

export async function exists(tools: PgTools, url: string): Promise<boolean> {
  const rows = await query(tools, maintenance(url), `SELECT 1 FROM pg_database WHERE datname = '${checkedName(url)}'`);
  return rows.length > 0;
}

/** Tables, views and sequences outside PostgreSQL's own schemas: a database without any is empty. */
export async function objectCount(tools: PgTools, url: string): Promise<number> {
  const [count] = await query(
    tools,
    url,
    `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
        AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
  );
  return Number(count);
}

export async function createDatabase(tools: PgTools, url: string): Promise<void> {
  await query(tools, maintenance(url), `CREATE DATABASE "${checkedName(url)}"`);
}

/** Drops the database; sessions still connected to it are ended (PostgreSQL 13 or newer). */
export async function dropDatabase(tools: PgTools, url: string): Promise<void> {
  await query(tools, maintenance(url), `DROP DATABASE IF EXISTS "${checkedName(url)}" WITH (FORCE)`);
}

export async function databaseSize(tools: PgTools, url: string): Promise<number> {
  const [size] = await query(tools, url, 'SELECT pg_database_size(current_database())');
  return Number(size);
}

/** The first value of a table that may not exist (an empty database, or one that never ran Bokvar). */
async function valueIfTable(tools: PgTools, url: string, table: string, sql: string): Promise<string | null> {
  const [present] = await query(tools, url, `SELECT to_regclass('${table}') IS NOT NULL`);
  if (present !== 't') return null;
  return (await query(tools, url, sql))[0] ?? null;
}

/** The last of Bokvar's migrations applied to the database (knex's own table). */
export function lastMigration(tools: PgTools, url: string): Promise<string | null> {
  return valueIfTable(tools, url, 'public.knex_migrations', 'SELECT name FROM knex_migrations ORDER BY id DESC LIMIT 1');
}

/**
 * The engine's version as its schema records it: Camunda's schema log gets a
 * row from the create script and from each upgrade script (ACT_GE_PROPERTY's
 * schema.version says only "fox").
 */
export function engineSchemaVersion(tools: PgTools, url: string): Promise<string | null> {
  return valueIfTable(
    tools,
    url,
    'public.act_ge_schema_log',
    'SELECT version_ FROM act_ge_schema_log ORDER BY timestamp_ DESC, id_ DESC LIMIT 1',
  );
}
