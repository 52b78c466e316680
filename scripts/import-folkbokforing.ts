/**
 * Loads a population-register extract (Navet/SPAR, as CSV) into Bokvar's
 * folkbokforing table: `DATABASE_URL=… npx tsx scripts/import-folkbokforing.ts <fil.csv> [--ersatt]`.
 * Columns and examples: docs/import.md.
 */
import { FOLKBOKFORING_IMPORT } from '../workers/folkbokforing/import.ts';
import { runImportCommand } from './registerimport-cli.ts';

await runImportCommand('Folkbokföring', FOLKBOKFORING_IMPORT);
