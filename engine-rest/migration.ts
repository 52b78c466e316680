import type { EngineRest } from './client.ts';

/**
 * Camunda 7's migration and batch resources (/migration, /batch, /job), typed
 * for the migration tool (scripts/migrera.ts). Shapes as the engine's REST
 * reference gives them.
 */
export interface MigrationInstruction {
  sourceActivityIds: string[];
  targetActivityIds: string[];
  updateEventTrigger?: boolean;
}

export interface MigrationPlan {
  sourceProcessDefinitionId: string;
  targetProcessDefinitionId: string;
  instructions: MigrationInstruction[];
  variables?: Record<string, { value: unknown; type?: string }> | null;
}

/** POST /migration/validate: what the engine cannot apply, per instruction (and per plan variable). */
export interface MigrationPlanReport {
  instructionReports: { instruction: MigrationInstruction; failures: string[] }[];
  variableReports?: Record<string, { failures: string[] }> | null;
}

export interface Batch {
  id: string;
  type: string;
  totalJobs: number;
  jobsCreated: number;
  batchJobDefinitionId: string;
  seedJobDefinitionId: string;
  monitorJobDefinitionId: string;
}

export interface BatchStatistics extends Batch {
  remainingJobs: number;
  completedJobs: number;
  failedJobs: number;
}

export interface FailedJob {
  id: string;
  exceptionMessage: string | null;
  retries: number;
}

export class MigrationApi {
  constructor(private readonly rest: EngineRest) {}

  generate(sourceProcessDefinitionId: string, targetProcessDefinitionId: string, updateEventTriggers: boolean): Promise<MigrationPlan> {
    return this.rest.post('/migration/generate', { sourceProcessDefinitionId, targetProcessDefinitionId, updateEventTriggers });
  }

  validate(plan: MigrationPlan): Promise<MigrationPlanReport> {
    return this.rest.post('/migration/validate', plan);
  }

  /** One batch: a job per instance, run by the engine's job executor. Listeners and I/O mappings run as they would. */
  executeAsync(migrationPlan: MigrationPlan, processInstanceIds: string[]): Promise<Batch> {
    return this.rest.post('/migration/executeAsync', {
      migrationPlan,
      processInstanceIds,
      skipCustomListeners: false,
      skipIoMappings: false,
    });
  }

  /** The batch's progress; undefined once the engine has finished and removed it (its history remains). */
  async statistics(batchId: string): Promise<BatchStatistics | undefined> {
    const [s] = await this.rest.get<BatchStatistics[]>('/batch/statistics', { batchId });
    return s;
  }

  /** The batch's jobs that have failed for good (no retries left), with the engine's reason. */
  failedJobs(batch: Batch): Promise<FailedJob[]> {
    return this.rest.getAll('/job', { jobDefinitionId: batch.batchJobDefinitionId, noRetriesLeft: true });
  }

  /** Removes a batch that is left with failed jobs (its history stays), so nothing half-done lingers. */
  deleteBatch(batchId: string): Promise<void> {
    return this.rest.delete(`/batch/${batchId}`, { cascade: false });
  }
}
