import type { Knex } from 'knex';
import { createKnex } from '../migrations/index.ts';

/** What topic handlers may use besides their input: Bokvar's own database. */
export interface WorkerDependencies {
  db: Knex;
}

export function connectWorkerDatabase(databaseUrl: string): Knex {
  return createKnex(databaseUrl);
}
