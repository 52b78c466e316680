import { beraknaFrister } from './berakna-frister/handler.ts';
import type { WorkerDependencies } from './db.ts';
import type { TopicWorker } from './topic.ts';

/**
 * Every topic the workers subscribe: the catalogue that a test checks the
 * models and the element templates against.
 */
export function createTopics(_deps: WorkerDependencies): TopicWorker[] {
  return [beraknaFrister];
}
