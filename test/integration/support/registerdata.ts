import fs from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { repoRoot } from '../../../scripts/config.ts';
import type { HistoricActivityInstance, ProcessInstance } from '../../../engine-rest/types.ts';
import { AKTUELLA_IMPORT } from '../../../workers/aktuell-kontroll/import.ts';
import { FOLKBOKFORING_IMPORT } from '../../../workers/folkbokforing/import.ts';
import { importeraUttag } from '../../../workers/registerimport.ts';
import { engineAsAdmin, eventually, stack } from './engine.ts';

/**
 * For the tests of the register topics (folkbokforing, aktuell-kontroll): the
 * synthetic fixture extracts loaded into the test stack's database, processes
 * started with JSON variables, and what the worker left behind.
 */
export const fixturUttag = {
  folkbokforing: path.join(repoRoot, 'test', 'unit', 'folkbokforing', 'fixtures', 'navet-uttag.csv'),
  aktuella: path.join(repoRoot, 'test', 'unit', 'aktuell-kontroll', 'fixtures', 'aktuella.csv'),
};

export function stackDatabase(): Knex {
  return knex({ client: 'pg', connection: stack().databaseUrl, pool: { min: 0, max: 2 } });
}

/** Loads both fixture extracts (upsert: other tests' people stay). */
export async function laddaFixturuttag(db: Knex): Promise<void> {
  await importeraUttag(db, FOLKBOKFORING_IMPORT, fs.readFileSync(fixturUttag.folkbokforing, 'utf8'));
  await importeraUttag(db, AKTUELLA_IMPORT, fs.readFileSync(fixturUttag.aktuella, 'utf8'));
}

export async function starta(key: string, businessKey: string, values: Record<string, unknown>): Promise<string> {
  const variables = Object.fromEntries(
    Object.entries(values).map(([namn, v]) => [
      namn,
      typeof v === 'object' ? { value: JSON.stringify(v), type: 'Json' } : { value: v, type: 'String' },
    ]),
  );
  const instance = await engineAsAdmin().post<ProcessInstance>(`/process-definition/key/${key}/start`, { businessKey, variables });
  return instance.id;
}

/** Waits until the instance has ended and returns the activities it ran, in order. */
export async function avslutad(processInstanceId: string): Promise<string[]> {
  await eventually('the instance to end', async () => {
    const h = await engineAsAdmin().get<{ state: string }>(`/history/process-instance/${processInstanceId}`);
    return h.state === 'COMPLETED' ? true : undefined;
  });
  const history = await engineAsAdmin().get<HistoricActivityInstance[]>('/history/activity-instance', {
    processInstanceId,
    sortBy: 'occurrence',
    sortOrder: 'asc',
  });
  return history.map((a) => a.activityId);
}

/** Every variable of the instance (history), JSON parsed. */
export async function variablerna(processInstanceId: string): Promise<Record<string, unknown>> {
  const lista = await engineAsAdmin().get<{ name: string; type: string; value: unknown }[]>('/history/variable-instance', {
    processInstanceId,
    deserializeValues: false,
  });
  return Object.fromEntries(lista.map((v) => [v.name, v.type === 'Json' && typeof v.value === 'string' ? JSON.parse(v.value) : v.value]));
}

/** A fingerprint of a table's whole content and of its rows' physical versions (xmin): any write changes it. */
export async function tabellavtryck(db: Knex, tabell: string): Promise<{ rader: number; innehall: string; versioner: string }> {
  const [rad] = (
    await db.raw(
      `SELECT count(*)::int AS rader,
              coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS innehall,
              coalesce(md5(string_agg(t.xmin::text, '|' ORDER BY t::text)), '') AS versioner
         FROM ${tabell} t`,
    )
  ).rows;
  return rad;
}

/** The workers' log of the test stack (global-setup writes it there). */
export function workerlogg(): string {
  const dataDir = process.env.BOKVAR_TEST_DATA_DIR ?? path.join(repoRoot, '.data', 'test');
  const fil = path.join(dataDir, 'logs', 'workers.log');
  return fs.existsSync(fil) ? fs.readFileSync(fil, 'utf8') : '';
}
