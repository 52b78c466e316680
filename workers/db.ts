import type { Knex } from 'knex';
import type { EngineRest } from '../engine-rest/client.ts';
import { createKnex } from '../migrations/index.ts';

/** What topic handlers may use besides their input: Bokvar's own database and, for linking cases, the engine. */
export interface WorkerDependencies {
  db: Knex;
  /** The engine's REST API as the worker user (lanka-arenden); absent in unit tests. */
  engine?: EngineRest;
}

export function connectWorkerDatabase(databaseUrl: string): Knex {
  return createKnex(databaseUrl);
}
