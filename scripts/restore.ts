/**
 * `npm run restore -- <mapp>`: a backup folder back into Bokvar's and the
 * engine's databases, after checking its manifest (docs/drift/backup.md).
 */
import { parse, runCommand, UsageError } from './backup/cli.ts';
import { databasesFromEnv, describeUrl, withDatabase } from './backup/databases.ts';
import { toolSettings } from './backup/pg-tools.ts';
import { restore } from './backup/restore.ts';

const USAGE = `Användning: npm run restore -- <mapp> [--databas <namn>] [--motordatabas <namn>] [--ersatt]
  <mapp>          en mapp som npm run backup skrev (bokvar-<tid>, med manifest.json)
  --databas       Bokvars databas att återställa till; standard den i DATABASE_URL
  --motordatabas  motorns databas att återställa till; standard den i BOKVAR_ENGINE_DATABASE_URL (<Bokvars databas>_engine)
  --ersatt        en databas som redan har tabeller töms och skrivs över (stoppa Bokvar först); utan det vägrar återställningen`;

await runCommand('restore', USAGE, async () => {
  const { values, positionals } = parse(
    { databas: { type: 'string' }, motordatabas: { type: 'string' }, ersatt: { type: 'boolean' }, hjalp: { type: 'boolean' } },
    true,
  );
  if (values.hjalp) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'ange mappen att återställa från' : 'ange en enda mapp');
  const databases = databasesFromEnv(process.env);
  const targets = {
    bokvar: values.databas ? withDatabase(databases.bokvar, values.databas) : databases.bokvar,
    motor: values.motordatabas ? withDatabase(databases.motor, values.motordatabas) : databases.motor,
  };
  const result = await restore({
    folder: positionals[0]!,
    targets,
    replace: values.ersatt ?? false,
    tools: toolSettings(process.env),
    log: (line) => process.stdout.write(line + '\n'),
  });
  const { manifest } = result;
  process.stdout.write(
    [
      `Återställningen är klar från kopian ${manifest.tid}: Bokvar ${manifest.bokvar.version} (migrering ${manifest.bokvar.migrering ?? 'ingen'}), ` +
        `motorn ${manifest.motor.version ?? 'okänd'}.`,
      `  Bokvars databas: ${describeUrl(targets.bokvar)}; motorns databas: ${describeUrl(targets.motor)}.`,
      'Starta Bokvar mot dem och kontrollera enligt docs/drift/backup.md.',
    ].join('\n') + '\n',
  );
});
