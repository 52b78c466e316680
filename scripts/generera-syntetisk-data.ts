/**
 * Writes a synthetic population as the CSV extracts the import commands read,
 * and a list of its households (tenancies) to start test cases from:
 *
 *   npx tsx scripts/generera-syntetisk-data.ts [--antal 10000] [--seed 20261125] [--katalog .data/syntetisk] [--ladda]
 *
 * --ladda also imports both files into DATABASE_URL. See docs/import.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createKnex } from '../migrations/index.ts';
import { repoRoot } from './config.ts';
import { laddaExtrakt, syntetiskaExtrakt, UTVECKLINGSDATA } from './syntetisk-data.ts';

const { values } = parseArgs({
  options: {
    antal: { type: 'string', default: String(UTVECKLINGSDATA.antal) },
    seed: { type: 'string', default: String(UTVECKLINGSDATA.seed) },
    katalog: { type: 'string', default: path.join(repoRoot, '.data', 'syntetisk') },
    ladda: { type: 'boolean', default: false },
  },
});
const antal = Number(values.antal);
const seed = Number(values.seed);
if (!Number.isInteger(antal) || antal < 1 || !Number.isInteger(seed)) {
  process.stderr.write('--antal och --seed ska vara heltal (antal minst 1)\n');
  process.exit(1);
}

const extrakt = syntetiskaExtrakt({ antal, seed });
fs.mkdirSync(values.katalog, { recursive: true });
const filer = {
  'folkbokforing.csv': extrakt.folkbokforingCsv,
  'aktuella.csv': extrakt.aktuellaCsv,
  'hushall.json':
    JSON.stringify(
      {
        referensdatum: extrakt.population.referensdatum,
        hushall: extrakt.population.hushall,
        okandaPersonnummer: extrakt.population.okandaPersonnummer,
      },
      null,
      2,
    ) + '\n',
};
for (const [namn, innehall] of Object.entries(filer)) fs.writeFileSync(path.join(values.katalog, namn), innehall);
process.stdout.write(
  `Syntetisk population (seed ${seed}): ${extrakt.population.personer.length} personer i ${extrakt.population.hushall.length} hushåll, skrivna till ${values.katalog}\n`,
);

if (values.ladda) {
  if (!process.env.DATABASE_URL) {
    process.stderr.write('--ladda behöver DATABASE_URL\n');
    process.exit(1);
  }
  const db = createKnex(process.env.DATABASE_URL);
  try {
    const laddat = await laddaExtrakt(db, extrakt);
    process.stdout.write(`Inläst: ${laddat.personer} personer, ${laddat.aktuella} aktualiteter\n`);
  } finally {
    await db.destroy();
  }
}
