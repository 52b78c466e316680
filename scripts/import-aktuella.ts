/**
 * Loads the extract of who is aktuell where (from the case system, as CSV) into
 * Bokvar's aktuella table: `DATABASE_URL=… npx tsx scripts/import-aktuella.ts <fil.csv> [--ersatt]`.
 * Columns and examples: docs/import.md.
 */
import { AKTUELLA_IMPORT } from '../workers/aktuell-kontroll/import.ts';
import { runImportCommand } from './registerimport-cli.ts';

await runImportCommand('Aktuella', AKTUELLA_IMPORT);
