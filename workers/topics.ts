import { beraknaFrister } from './berakna-frister/handler.ts';
import type { TopicWorker } from './topic.ts';

/** Every topic the workers subscribe: the catalogue a test checks the models against. */
export const TOPICS: TopicWorker[] = [beraknaFrister];
