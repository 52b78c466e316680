import fs from 'node:fs';
import path from 'node:path';
import {
  databaseSize,
  describeUrl,
  engineSchemaVersion,
  lastMigration,
  serverVersion,
  checkedName,
  type Databases,
  type Role,
} from './databases.ts';
import { bokvarVersion, folderName, formatBytes, writeManifest, FORMAT, type Dump, type Manifest } from './manifest.ts';
import { BackupError, connection, firstTools, pickTools, run, type PgTools, type ToolSettings } from './pg-tools.ts';

/**
 * `npm run backup`: both databases with pg_dump's custom format into one new
 * folder `bokvar-<time>` with a manifest. The folder is written under a
 * temporary name and renamed when complete, so that a half-written backup is
 * never taken for a whole one. Its files hold personal data: they are readable
 * by their owner only.
 */
export interface BackupOptions {
  databases: Databases;
  /** The folder the backup folder is created in. */
  directory: string;
  tools: ToolSettings;
  log: (line: string) => void;
  now?: Date;
}

export interface BackupResult {
  folder: string;
  manifest: Manifest;
}

const FILES: Record<Role, string> = { bokvar: 'bokvar.dump', motor: 'motor.dump' };

export async function backup(options: BackupOptions): Promise<BackupResult> {
  const { databases, log } = options;
  const probe = firstTools(options.tools);
  const servers = { bokvar: await serverVersion(probe, databases.bokvar), motor: await serverVersion(probe, databases.motor) };
  const newest = Math.max(servers.bokvar.major, servers.motor.major);
  const tools = pickTools(options.tools, newest, `databasservern är PostgreSQL ${newest}`);
  const time = options.now ?? new Date();
  fs.mkdirSync(options.directory, { recursive: true, mode: 0o700 });
  const folder = path.join(path.resolve(options.directory), folderName(time));
  if (fs.existsSync(folder)) throw new BackupError(`${folder} finns redan; vänta en sekund och försök igen.`);
  const partial = `${folder}.ofullstandig`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { mode: 0o700 });
  try {
    log(`Säkerhetskopierar med pg_dump ${tools.version} (${tools.source}) …`);
    const dumpar: Dump[] = [];
    // The engine's first: whatever a worker writes to Bokvar's tables between the two dumps then belongs to a step the
    // restored engine runs again, and the workers recognise a step they already did by its task id (no second letter).
    for (const role of ['motor', 'bokvar'] as const) dumpar.push(await dump(tools, role, databases[role], partial, log));
    const manifest: Manifest = {
      format: FORMAT,
      tid: time.toISOString(),
      bokvar: { version: bokvarVersion(), migrering: await lastMigration(tools, databases.bokvar) },
      motor: { version: await engineSchemaVersion(tools, databases.motor) },
      postgres: { server: servers.bokvar.version, serverMajor: servers.bokvar.major, pgDump: tools.version, pgDumpMajor: tools.major },
      dumpar,
    };
    writeManifest(partial, manifest);
    fs.renameSync(partial, folder);
    return { folder, manifest };
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

async function dump(tools: PgTools, role: Role, url: string, folder: string, log: (line: string) => void): Promise<Dump> {
  const file = FILES[role];
  const target = connection(url);
  const size = await databaseSize(tools, url);
  const result = await run(tools, 'pg_dump', ['--format=custom', `--dbname=${target.url}`], {
    env: target.env,
    stdoutFile: path.join(folder, file),
  });
  if (result.code !== 0 || result.sha256 === undefined || result.bytes === undefined) {
    throw new BackupError(`pg_dump av ${describeUrl(url)} misslyckades: ${result.error || `kod ${result.code}`}`);
  }
  log(`  ${file}: ${describeUrl(url)}, ${formatBytes(result.bytes)} (databasen ${formatBytes(size)})`);
  return { roll: role, databas: checkedName(url), fil: file, byte: result.bytes, sha256: result.sha256, databasstorlek: size };
}
