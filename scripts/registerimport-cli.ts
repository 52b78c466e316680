/**
 * What the two import commands share: arguments, the database from
 * DATABASE_URL, the report, and exit codes (0 all read, 2 some lines rejected
 * and the rest read, 1 nothing read). The report names lines and columns, never
 * values: it can go to a log or a mail.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { createKnex } from '../migrations/index.ts';
import { beskrivRadFel, CsvFilError, importeraUttag, type Importresultat, type Registerimport } from '../workers/registerimport.ts';

export async function runImportCommand<Rad extends Record<string, unknown>>(namn: string, register: Registerimport<Rad>): Promise<void> {
  z.config(z.locales.sv());
  const args = process.argv.slice(2);
  const ersatt = args.includes('--ersatt');
  const filer = args.filter((a) => !a.startsWith('--'));
  const okanda = args.filter((a) => a.startsWith('--') && a !== '--ersatt');
  const databaseUrl = process.env.DATABASE_URL;
  if (filer.length !== 1 || okanda.length > 0 || !databaseUrl) {
    // the command as it was run: the source through tsx, or the build (the production image)
    const skript = process.argv[1] ?? '';
    const kommando = skript.endsWith('.ts')
      ? `npx tsx ${skript.replace(/^.*\/scripts\//, 'scripts/')}`
      : `node ${skript.replace(/^.*\/dist\//, 'dist/')}`;
    process.stderr.write(
      `Användning: DATABASE_URL=postgres://… ${kommando} <fil.csv> [--ersatt]\n` +
        '  --ersatt  filen är ett fullständigt uttag: det som saknas i den tas bort ur registret\n',
    );
    process.exit(1);
  }
  const db = createKnex(databaseUrl);
  const tabell = register.tabell.tabell;
  try {
    if (!(await db.schema.hasTable(tabell))) {
      throw new CsvFilError(`Tabellen ${tabell} finns inte: kör migreringarna först (npm start eller docker compose-tjänsten setup)`);
    }
    const resultat = await importeraUttag(db, register, fs.readFileSync(filer[0]!, 'utf8'), { ersatt });
    process.stdout.write(beskrivResultat(namn, resultat) + '\n');
    process.exitCode = resultat.fel.length > 0 ? 2 : 0;
  } catch (error) {
    if (!(error instanceof CsvFilError)) throw error;
    process.stderr.write(`${namn}: inget lästes in. ${error.message}\n`);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

export function beskrivResultat(namn: string, r: Importresultat): string {
  const rader = [
    `${namn}: ${r.lasta} rader lästa: ${r.nya} nya, ${r.andrade} ändrade, ${r.oforandrade} oförändrade, ${r.borttagna} borttagna.`,
  ];
  if (r.fel.length > 0) {
    rader.push(`${r.fel.length} rader avvisades (inget av dem lästes in):`);
    for (const fel of r.fel) rader.push(`  ${beskrivRadFel(fel)}`);
  }
  return rader.join('\n');
}
