import type { Logger } from 'pino';
import type { z } from 'zod';

/**
 * One automated step of a checklist: a topic, the variables it reads (validated
 * by a zod object schema; its keys are the variables fetched), and a handler.
 */
export interface TopicWorker<Schema extends z.ZodObject = z.ZodObject> {
  topic: string;
  /** Lock long enough for the work; long work extends it via the context. */
  lockDurationMs: number;
  input: Schema;
  handle(input: z.infer<Schema>, context: TopicContext): Promise<TopicOutcome>;
}

export interface TopicContext {
  taskId: string;
  processInstanceId: string;
  /** The case number (ärendenummer) the instance runs under, if any. */
  businessKey: string | null;
  log: Logger;
  extendLock(durationMs: number): Promise<void>;
}

/** What a handler decided. A technical failure is a thrown error instead. */
export type TopicOutcome =
  | { kind: 'complete'; variables: Record<string, unknown> }
  | { kind: 'bpmnError'; errorCode: string; message: string; variables?: Record<string, unknown> };

export function defineTopic<Schema extends z.ZodObject>(worker: TopicWorker<Schema>): TopicWorker<Schema> {
  return worker;
}
