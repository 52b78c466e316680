import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * What `npm start` knows about failing: each failure it can foresee or
 * recognise becomes one Swedish line naming the cause and the fix, and the
 * checks that can run before anything starts run first, so that a failure
 * leaves nothing half-started.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

export interface PortUse {
  port: number;
  /** What Bokvar would run there, as the operator knows it. */
  what: string;
  /** The setting that moves it. */
  variable: string;
}

/** Refuses to start when a port Bokvar needs is taken, or named twice. */
export async function checkPortsFree(uses: PortUse[]): Promise<void> {
  const seen = new Map<number, PortUse>();
  for (const use of uses) {
    const earlier = seen.get(use.port);
    if (earlier) {
      throw new StartupError(
        `Porten ${use.port} är vald både för ${earlier.what} (${earlier.variable}) och ${use.what} (${use.variable}). Ge dem olika portar.`,
      );
    }
    seen.set(use.port, use);
  }
  for (const use of uses) {
    const problem = await portProblem(use.port);
    if (problem === 'upptagen') throw portTaken(use);
    if (problem === 'forbjuden') {
      throw new StartupError(
        `Bokvar får inte lyssna på port ${use.port} (${use.what}): portar under 1024 kräver root. Välj en annan port med ${use.variable}=<port>.`,
      );
    }
  }
}

export function portTaken(use: PortUse): StartupError {
  return new StartupError(
    `Porten ${use.port} (${use.what}) är redan upptagen av ett annat program. ` +
      `Stoppa det (se vilket med: ss -ltnp 'sport = :${use.port}') eller välj en annan port med ${use.variable}=<port>.`,
  );
}

/**
 * Both ways a port can be taken: something answers on the loopback address, or
 * the port cannot be bound on every address (the engine and the UI bind all).
 */
async function portProblem(port: number): Promise<'upptagen' | 'forbjuden' | undefined> {
  if (await answers(port)) return 'upptagen';
  const bound = await canBind(port, '::').catch(() => canBind(port, '0.0.0.0'));
  return bound;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Resolves with the problem binding the port; rejects when the address family itself is missing. */
function canBind(port: number, host: string): Promise<'upptagen' | 'forbjuden' | undefined> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve('upptagen');
      else if (error.code === 'EACCES') resolve('forbjuden');
      else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** The engine needs Java 17 or later on the PATH. */
export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const install = 'Installera Java 17 eller senare (t.ex. apt-get install openjdk-17-jdk-headless) och kör npm start igen.';
  if (result.error || result.status !== 0) {
    throw new StartupError(`Java saknas: motorn (Camunda) körs i Java. ${install}`);
  }
  const major = javaMajorVersion(`${result.stderr}${result.stdout}`);
  if (major !== undefined && major < 17) {
    throw new StartupError(`Java ${major} är för gammal för motorn. ${install}`);
  }
}

/** The major version in `java -version`'s output: "1.8.0_392" is 8, "17.0.15" is 17. */
export function javaMajorVersion(output: string): number | undefined {
  const version = /version "([^"]+)"/.exec(output)?.[1];
  if (!version) return undefined;
  const [first, second] = version.split(/[.+-]/).map((part) => Number.parseInt(part, 10));
  return first === 1 ? second : first;
}

/** Maven is needed only when the engine jar must be built. */
export function checkMaven(jar = 'engine/target/bokvar-engine.jar'): void {
  const result = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new StartupError(
      `Maven saknas, och motorn måste byggas (${jar} saknas eller är äldre än engine/). ` +
        'Installera Maven 3.8+ (t.ex. apt-get install maven) och kör npm start igen.',
    );
  }
}

/** Whether `npm start` will build the engine: its jar is missing or older than its sources. */
export function engineBuildNeeded(jar: string, sources: string[]): boolean {
  const jarTime = fs.existsSync(jar) ? fs.statSync(jar).mtimeMs : 0;
  return jarTime < newestModification(sources);
}

function newestModification(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      newest = Math.max(newest, newestModification(fs.readdirSync(p).map((entry) => path.join(p, entry))));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

/**
 * A database server named by the operator that cannot be used. `setting`
 * names where the URL came from; `redactedUrl` has no password.
 */
export function databaseUnreachable(error: unknown, redactedUrl: string, setting: string): StartupError | undefined {
  const { code, message } = error as { code?: string; message?: string };
  const where = `Databasen i ${setting} (${redactedUrl})`;
  const codes = [code, ...((error as { errors?: { code?: string }[] }).errors ?? []).map((e) => e.code)];
  if (codes.some((c) => c === 'ECONNREFUSED' || c === 'EHOSTUNREACH' || c === 'ENETUNREACH' || c === 'ETIMEDOUT')) {
    return new StartupError(
      `${where} svarar inte. Starta PostgreSQL där, rätta ${setting}, eller ta bort ${setting} så startar Bokvar en inbäddad PostgreSQL.`,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new StartupError(`${where}: datornamnet finns inte. Rätta ${setting}.`);
  }
  if (code === '28P01' || code === '28000') {
    return new StartupError(`${where} nekade inloggningen (fel användare eller lösenord). Rätta ${setting}.`);
  }
  if (/timeout/i.test(message ?? '')) {
    return new StartupError(`${where} svarar inte i tid. Kontrollera att servern är igång och nåbar, eller rätta ${setting}.`);
  }
  return undefined;
}

/**
 * The one line for an error that is not a StartupError: the failures of other
 * modules that are recognised by their text, and otherwise a short line that
 * says where the whole story is.
 */
export function startFailureLine(error: unknown, logDir: string, detailFile: string): string {
  if (error instanceof StartupError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const maven = /Maven-bygget av motorn misslyckades \(kod ([^)]*)\)/.exec(message);
  if (maven) {
    return (
      `Maven kunde inte bygga motorn (kod ${maven[1]}). Första bygget hämtar beroenden från nätet: ` +
      'kontrollera anslutningen (eller Mavens proxy i ~/.m2/settings.xml) och kör npm start igen; Mavens utskrift ovan visar felet.'
    );
  }
  const engine = /Motorn avslutades \(kod ([^)]*)\); se (.+)$/.exec(message);
  if (engine) return `Motorn avslutades under starten (kod ${engine[1]}). Orsaken står i ${engine[2]}.`;
  if (/^Väntade förgäves på motorn/.test(message)) {
    return `${message}. Maskinen kan vara överbelastad; se ${path.join(logDir, 'engine.log')} och försök igen.`;
  }
  const firstLine = message.split('\n')[0] ?? message;
  return `Bokvar kunde inte starta: ${firstLine}. Loggarna finns i ${logDir}; hela felet i ${detailFile}.`;
}
