import type { EngineRest } from './client.ts';
import type { ActivityInstance, Incident, Job, JobDefinition, ProcessInstance, Sorting, Task } from './types.ts';

/**
 * Typed queries of what runs now: process instances, their activity trees,
 * tasks, jobs (timers) and incidents. One method per endpoint, under the
 * engine's parameter names; a list is read whole, page by page, with the POST
 * form of the query where the callers need lists of ids or several sortings.
 */
export class RuntimeQueries {
  constructor(private readonly rest: EngineRest) {}

  /** Answers 404 (EngineRestError) once the instance has ended. */
  processInstance(processInstanceId: string): Promise<ProcessInstance> {
    return this.rest.get(`/process-instance/${processInstanceId}`);
  }

  processInstances(query: ProcessInstanceQuery): Promise<ProcessInstance[]> {
    return this.rest.getAll('/process-instance', query);
  }

  /** Whether the instance still runs: the list query answers an ended one with nothing, not with 404. */
  async isRunning(processInstanceId: string): Promise<boolean> {
    return (await this.rest.get<unknown[]>('/process-instance', { processInstanceIds: processInstanceId })).length > 0;
  }

  activityInstanceTree(processInstanceId: string): Promise<ActivityInstance> {
    return this.rest.get(`/process-instance/${processInstanceId}/activity-instances`);
  }

  tasks(query: TaskQuery): Promise<Task[]> {
    return this.rest.postAll('/task', query);
  }

  jobs(query: JobQuery): Promise<Job[]> {
    return this.rest.postAll('/job', query);
  }

  jobDefinitions(query: { processDefinitionId: string }): Promise<JobDefinition[]> {
    return this.rest.getAll('/job-definition', query);
  }

  incidents(query: { processInstanceId: string }): Promise<Incident[]> {
    return this.rest.getAll('/incident', query);
  }
}

/** A GET query: plain values only, as the URL carries them. */
export type ProcessInstanceQuery = {
  businessKey?: string;
  processDefinitionKey?: string;
  active?: boolean;
  sortBy?: 'instanceId' | 'definitionKey' | 'businessKey';
  sortOrder?: 'asc' | 'desc';
};

export interface TaskQuery {
  processInstanceIdIn?: string[];
  active?: boolean;
  sorting?: Sorting<'created' | 'id' | 'dueDate' | 'name'>[];
}

export interface JobQuery {
  processInstanceId?: string;
  processInstanceIds?: string[];
  /** Timer jobs only. */
  timers?: boolean;
  active?: boolean;
  sorting?: Sorting<'jobId' | 'jobDueDate' | 'processInstanceId'>[];
}
