import fs from 'node:fs';
import path from 'node:path';
import knex from 'knex';
import type { Deployment } from '../../../engine-rest/types.ts';
import { AKTUELLA_IMPORT } from '../../../workers/aktuell-kontroll/import.ts';
import { FOLKBOKFORING_IMPORT } from '../../../workers/folkbokforing/import.ts';
import { importeraUttag } from '../../../workers/registerimport.ts';
import type { EngineRest } from '../../../engine-rest/client.ts';
import { engineAsAdmin } from './engine.ts';

/**
 * Deploys a test diagram (a real .bpmn file under test/integration/fixtures/)
 * to the test engine (or another engine a test started). Unchanged fixtures are
 * not deployed twice.
 */
export async function deployFixture(file: string, engine: EngineRest = engineAsAdmin()): Promise<void> {
  const form = new FormData();
  const name = path.basename(file);
  form.set('deployment-name', `test-${name}`);
  form.set('enable-duplicate-filtering', 'true');
  form.append(name, new Blob([fs.readFileSync(file)]), name);
  await engine.postMultipart<Deployment>('/deployment/create', form);
}

export const fixturesDir = path.join(import.meta.dirname, '..', 'fixtures');

/**
 * Loads the scenario tests' synthetic people (fixtures/scenarier-*.csv) into the
 * registers; importing again changes nothing. Each test file owns the tenants it
 * starts cases for, so consents and case links never leak between files.
 */
export async function importScenarioPeople(databaseUrl: string): Promise<void> {
  const db = knex({ client: 'pg', connection: databaseUrl });
  try {
    await importeraUttag(db, FOLKBOKFORING_IMPORT, fs.readFileSync(path.join(fixturesDir, 'scenarier-folkbokforing.csv'), 'utf8'));
    await importeraUttag(db, AKTUELLA_IMPORT, fs.readFileSync(path.join(fixturesDir, 'scenarier-aktuella.csv'), 'utf8'));
  } finally {
    await db.destroy();
  }
}
