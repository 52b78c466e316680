import path from 'node:path';
import {
  createDatabase,
  describeUrl,
  dropDatabase,
  exists,
  objectCount,
  serverVersion,
  withDatabase,
  checkedName,
  type Role,
} from './databases.ts';
import { dumpFor, formatBytes, readVerifiedManifest, type Manifest } from './manifest.ts';
import { BackupError, connection, firstTools, pickTools, run, type PgTools, type ToolSettings } from './pg-tools.ts';

/**
 * `npm run restore`: a backup folder back into two databases. Nothing is
 * touched until the manifest's hashes match, pg_restore can read both dumps,
 * and both target databases are missing or empty (or --ersatt says to replace
 * them). Each dump is restored in one transaction: a failed restore leaves its
 * database empty, never half full.
 */
export interface RestoreOptions {
  folder: string;
  targets: Record<Role, string>;
  /** Drop and recreate a target database that already holds tables. */
  replace: boolean;
  tools: ToolSettings;
  log: (line: string) => void;
}

export interface RestoreResult {
  manifest: Manifest;
  /** What was done to each target. */
  actions: Record<Role, 'skapad' | 'tom' | 'ersatt'>;
}

export async function restore(options: RestoreOptions): Promise<RestoreResult> {
  const { targets, log } = options;
  if (sameDatabase(targets.bokvar, targets.motor)) {
    throw new BackupError(`Bokvars databas och motorns databas kan inte vara samma (${describeUrl(targets.bokvar)}).`);
  }
  const manifest = await readVerifiedManifest(options.folder);
  log(`Manifestet stämmer: ${manifest.dumpar.map((d) => `${d.fil} sha256 ${d.sha256.slice(0, 12)}…`).join(', ')}`);
  const tools = await toolsFor(options, manifest);
  for (const role of ['bokvar', 'motor'] as const) await checkReadable(tools, path.join(options.folder, dumpFor(manifest, role).fil));

  const states = { bokvar: await state(tools, targets.bokvar), motor: await state(tools, targets.motor) };
  const occupied = (['bokvar', 'motor'] as const).filter((role) => states[role] === 'har-innehall');
  if (occupied.length > 0 && !options.replace) {
    throw new BackupError(
      `Återställer inte: ${occupied.map((role) => describeUrl(targets[role])).join(' och ')} innehåller redan tabeller. ` +
        'Återställ till nya databasnamn (--databas, --motordatabas), eller ersätt innehållet med --ersatt (stoppa Bokvar först).',
    );
  }

  const actions = {} as RestoreResult['actions'];
  for (const role of ['bokvar', 'motor'] as const) {
    const url = targets[role];
    if (states[role] === 'har-innehall') {
      await dropDatabase(tools, url);
      await createDatabase(tools, url);
      actions[role] = 'ersatt';
    } else if (states[role] === 'saknas') {
      await createDatabase(tools, url);
      actions[role] = 'skapad';
    } else actions[role] = 'tom';
    const dump = dumpFor(manifest, role);
    const target = connection(url);
    const result = await run(tools, 'pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${target.url}`], {
      env: target.env,
      stdinFile: path.join(options.folder, dump.fil),
    });
    if (result.code !== 0) {
      throw new BackupError(
        `pg_restore av ${dump.fil} till ${describeUrl(url)} misslyckades, och databasen är tom: ${result.error || `kod ${result.code}`}`,
      );
    }
    const what = { skapad: 'ny databas', tom: 'befintlig tom databas', ersatt: 'tidigare innehåll ersatt' }[actions[role]];
    log(`  ${dump.fil} (${dump.databas}, ${formatBytes(dump.byte)}) → ${describeUrl(url)} (${what})`);
  }
  return { manifest, actions };
}

function sameDatabase(a: string, b: string): boolean {
  const [x, y] = [new URL(a), new URL(b)];
  return x.hostname === y.hostname && (x.port || '5432') === (y.port || '5432') && checkedName(a) === checkedName(b);
}

/** pg_restore must read the archive (at least the pg_dump that wrote it) and should be as new as the server. */
async function toolsFor(options: RestoreOptions, manifest: Manifest): Promise<PgTools> {
  const probe = firstTools(options.tools);
  const server = await serverVersion(probe, withDatabase(options.targets.bokvar, 'postgres'));
  const engineServer = await serverVersion(probe, withDatabase(options.targets.motor, 'postgres'));
  const needed = Math.max(server.major, engineServer.major, manifest.postgres.pgDumpMajor);
  const tools = pickTools(
    options.tools,
    needed,
    `kopian skrevs av pg_dump ${manifest.postgres.pgDump} och databasservern är PostgreSQL ${Math.max(server.major, engineServer.major)}`,
  );
  if (Math.min(server.major, engineServer.major) < manifest.postgres.serverMajor) {
    options.log(
      `Varning: kopian kommer från PostgreSQL ${manifest.postgres.server}, servern du återställer till är äldre (${server.version}). ` +
        'Det kan misslyckas; återställ helst till samma eller en nyare version.',
    );
  }
  options.log(`Återställer med pg_restore ${tools.version} (${tools.source}) …`);
  return tools;
}

async function checkReadable(tools: PgTools, file: string): Promise<void> {
  const result = await run(tools, 'pg_restore', ['--list'], { stdinFile: file });
  if (result.code !== 0) {
    throw new BackupError(`pg_restore ${tools.version} kan inte läsa ${path.basename(file)}: ${result.error || `kod ${result.code}`}`);
  }
}

async function state(tools: PgTools, url: string): Promise<'saknas' | 'tom' | 'har-innehall'> {
  if (!(await exists(tools, url))) return 'saknas';
  return (await objectCount(tools, url)) > 0 ? 'har-innehall' : 'tom';
}
