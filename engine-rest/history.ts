import type { EngineRest } from './client.ts';
import type {
  Count,
  HistoricActivityInstance,
  HistoricIncident,
  HistoricJobLog,
  HistoricProcessInstance,
  HistoricTask,
  HistoricVariableInstance,
  HistoricVariableUpdate,
  Sorting,
  UserOperationLogEntry,
} from './types.ts';

/**
 * Typed queries of the engine's history (/history/...), one method per
 * endpoint, taking the engine's own parameter names. A list is read whole,
 * page by page (EngineRest.getAll/postAll); the POST form of a query where the
 * engine has one, as it takes lists of ids and several sortings. Variable
 * values come as stored (deserializeValues=false): Json variables as their
 * text, which engine-rest/variables.ts `fromVariable` parses.
 */
export class HistoryQueries {
  constructor(private readonly rest: EngineRest) {}

  processInstance(processInstanceId: string): Promise<HistoricProcessInstance> {
    return this.rest.get(`/history/process-instance/${processInstanceId}`);
  }

  processInstances(query: HistoricProcessInstanceQuery): Promise<HistoricProcessInstance[]> {
    return this.rest.postAll('/history/process-instance', query);
  }

  /** How many instances match: 0 once the engine's history cleanup has removed a case. */
  async processInstanceCount(query: { processInstanceBusinessKey: string }): Promise<number> {
    return (await this.rest.get<Count>('/history/process-instance/count', query)).count;
  }

  activityInstances(query: HistoricActivityInstanceQuery): Promise<HistoricActivityInstance[]> {
    return this.rest.postAll('/history/activity-instance', query);
  }

  tasks(query: HistoricTaskQuery): Promise<HistoricTask[]> {
    return this.rest.postAll('/history/task', query);
  }

  variableInstances(query: HistoricVariableInstanceQuery): Promise<HistoricVariableInstance[]> {
    return this.rest.postAll('/history/variable-instance', query, { deserializeValues: false });
  }

  /** Every change of the matching variables: the history details that are variable updates. */
  variableUpdates(query: HistoricVariableUpdateQuery): Promise<HistoricVariableUpdate[]> {
    return this.rest.postAll('/history/detail', { ...query, variableUpdates: true }, { deserializeValues: false });
  }

  /** The user operation log; the engine has no POST form of this query. */
  userOperations(query: UserOperationLogQuery): Promise<UserOperationLogEntry[]> {
    return this.rest.getAll('/history/user-operation', query);
  }

  incidents(query: { processInstanceId: string }): Promise<HistoricIncident[]> {
    return this.rest.getAll('/history/incident', query);
  }

  jobLogs(query: { processInstanceId: string }): Promise<HistoricJobLog[]> {
    return this.rest.getAll('/history/job-log', query);
  }
}

export interface HistoricProcessInstanceQuery {
  processInstanceIds?: string[];
  processInstanceBusinessKey?: string;
  processInstanceBusinessKeyIn?: string[];
  processDefinitionKey?: string;
  /** Instances that passed through any of these activities. */
  executedActivityIdIn?: string[];
  active?: boolean;
  finished?: boolean;
  sorting?: Sorting<'instanceId' | 'businessKey' | 'startTime' | 'endTime' | 'definitionKey'>[];
}

export interface HistoricActivityInstanceQuery {
  processInstanceId?: string;
  /** Engine time text (formatEngineTime in ./time.ts). */
  startedAfter?: string;
  finishedAfter?: string;
  sorting?: Sorting<'activityInstanceId' | 'startTime' | 'endTime' | 'occurrence'>[];
}

export interface HistoricTaskQuery {
  processInstanceBusinessKey?: string;
  processInstanceBusinessKeyIn?: string[];
  taskDefinitionKeyIn?: string[];
}

export interface HistoricVariableInstanceQuery {
  processInstanceId?: string;
  processInstanceIdIn?: string[];
  variableNameIn?: string[];
}

export interface HistoricVariableUpdateQuery {
  processInstanceIdIn: string[];
  variableNameLike?: string;
  sorting?: Sorting<'time' | 'occurrence' | 'variableName'>[];
}

/** A GET query: plain values only, as the URL carries them. */
export type UserOperationLogQuery = {
  processInstanceId?: string;
  afterTimestamp?: string;
  sortBy?: 'timestamp';
  sortOrder?: 'asc' | 'desc';
};
