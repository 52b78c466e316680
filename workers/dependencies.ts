import type { Knex } from 'knex';
import type { EngineRest } from '../engine-rest/client.ts';

/**
 * What topic handlers may use besides their input: Bokvar's own database and
 * the engine's REST API as the worker user (for the topics that read or change
 * other instances of a case). Tests pass fakes for what a topic does not use.
 */
export interface WorkerDependencies {
  db: Knex;
  engine: EngineRest;
}
