/**
 * `npm run backup`: Bokvar's and the engine's databases with pg_dump into one
 * new folder with a manifest (docs/drift/backup.md).
 */
import { backup } from './backup/backup.ts';
import { parse, runCommand, UsageError } from './backup/cli.ts';
import { databasesFromEnv } from './backup/databases.ts';
import { formatBytes } from './backup/manifest.ts';
import { toolSettings } from './backup/pg-tools.ts';

const USAGE = `Användning: npm run backup -- [--katalog <mapp>]
  --katalog  mappen där säkerhetskopian (en ny mapp bokvar-<tid>) skrivs; standard BOKVAR_BACKUP_KATALOG, annars ./backup
Databaserna: DATABASE_URL (Bokvars) och BOKVAR_ENGINE_DATABASE_URL (motorns; standard <Bokvars databas>_engine på samma server).
Programmen: pg_dump, pg_restore och psql i PATH, i BOKVAR_PG_BIN, eller i databasens container med BOKVAR_PG_EXEC.`;

await runCommand('backup', USAGE, async () => {
  const { values, positionals } = parse({ katalog: { type: 'string' }, hjalp: { type: 'boolean' } }, true);
  if (values.hjalp) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  if (positionals.length > 0) throw new UsageError(`okänt argument ${positionals[0]}`);
  const result = await backup({
    databases: databasesFromEnv(process.env),
    directory: values.katalog ?? process.env.BOKVAR_BACKUP_KATALOG ?? 'backup',
    tools: toolSettings(process.env),
    log: (line) => process.stdout.write(line + '\n'),
  });
  const { manifest } = result;
  const total = manifest.dumpar.reduce((sum, d) => sum + d.byte, 0);
  process.stdout.write(
    [
      `Säkerhetskopian är klar: ${result.folder} (${formatBytes(total)})`,
      `  Bokvar ${manifest.bokvar.version} (migrering ${manifest.bokvar.migrering ?? 'ingen'}), motorn ${manifest.motor.version ?? 'okänd'}, ` +
        `PostgreSQL ${manifest.postgres.server}, pg_dump ${manifest.postgres.pgDump}`,
      ...manifest.dumpar.map((d) => `  ${d.fil}: sha256 ${d.sha256}`),
      'Kopian innehåller personuppgifter: förvara den krypterad (docs/drift/backup.md).',
    ].join('\n') + '\n',
  );
});
