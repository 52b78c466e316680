import type { Knex } from 'knex';
import { createKnex } from '../migrations/index.ts';

export function connectWorkerDatabase(databaseUrl: string): Knex {
  return createKnex(databaseUrl);
}
