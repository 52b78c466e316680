/**
 * The parts of Camunda 7 REST responses that Bokvar reads, under the engine's
 * own names (docs.camunda.org, "REST API Reference"). Only fields somebody
 * reads are listed: a field added here is one the code now relies on.
 *
 * Times are the engine's text, `yyyy-MM-dd'T'HH:mm:ss.SSSZ`, with an offset
 * without colon (+0000): read and write them with ./time.ts.
 */

// ---- runtime ----------------------------------------------------------------------------------

export interface ProcessInstance {
  id: string;
  definitionId: string;
  businessKey: string | null;
  ended: boolean;
}

/** GET /process-instance/{id}/activity-instances: the instance's tree of running activities. */
export interface ActivityInstance {
  id: string;
  activityId: string;
  activityName: string | null;
  activityType: string;
  processInstanceId: string;
  childActivityInstances: ActivityInstance[];
  /** Activities waiting in an asynchronous continuation (before or after them). */
  childTransitionInstances: TransitionInstance[];
  incidentIds?: string[];
}

export interface TransitionInstance {
  activityId: string;
  activityName: string | null;
  activityType: string;
}

export interface Task {
  id: string;
  name: string;
  taskDefinitionKey: string;
  processInstanceId: string;
  executionId: string;
  due: string | null;
  /** The follow-up date: Tasklist's filters with follow-up criteria hide the task until then. */
  followUp: string | null;
  /** The task's description: its bpmn:documentation, evaluated when the task was created. */
  description: string | null;
  created: string;
  assignee: string | null;
}

export interface Job {
  id: string;
  jobDefinitionId: string;
  dueDate: string | null;
  processInstanceId: string;
}

export interface JobDefinition {
  id: string;
  activityId: string;
}

export interface ExternalTask {
  id: string;
  topicName: string;
  processInstanceId: string;
  retries: number | null;
  errorMessage: string | null;
}

export interface Incident {
  id: string;
  incidentType: string;
  incidentMessage: string | null;
  activityId: string;
  processInstanceId: string;
}

/** POST /message with resultEnabled: the instance started, or the execution that took the message. */
export interface MessageCorrelationResult {
  resultType: 'ProcessDefinition' | 'Execution';
  processInstance?: ProcessInstance;
  execution?: { id: string; processInstanceId: string };
}

/** A typed process variable as Camunda's REST API carries it. */
export interface VariableValue {
  value: unknown;
  type: string;
  valueInfo?: Record<string, unknown>;
}

// ---- repository -------------------------------------------------------------------------------

export interface Deployment {
  id: string;
  name: string;
  deployedProcessDefinitions: Record<string, { id: string; key: string; version: number }> | null;
  deployedDecisionDefinitions?: Record<string, { id: string; key: string; version: number; versionTag: string | null }> | null;
}

export interface ProcessDefinition {
  id: string;
  key: string;
  name: string | null;
  version: number;
  /** camunda:versionTag of the process (Bokvar: year.month-sequence); null when it has none. */
  versionTag: string | null;
  deploymentId: string;
}

/** GET /deployment/{id}/resources: one deployed file. */
export interface DeploymentResource {
  id: string;
  name: string;
  deploymentId: string;
}

export interface ProcessDefinitionXml {
  id: string;
  bpmn20Xml: string;
}

/** GET /process-definition/statistics: running instances per deployed definition (version). */
export interface ProcessDefinitionStatistics {
  id: string;
  instances: number;
  definition: ProcessDefinition;
}

/** GET /process-definition/{id}/statistics: running instances (tokens) per activity. */
export interface ActivityStatistics {
  id: string;
  instances: number;
  /** Present when asked with incidents=true. */
  incidents: { incidentType: string; incidentCount: number }[];
}

// ---- history ----------------------------------------------------------------------------------

export interface HistoricProcessInstance {
  id: string;
  businessKey: string | null;
  processDefinitionId: string;
  processDefinitionKey: string;
  /** ACTIVE, SUSPENDED, COMPLETED, EXTERNALLY_TERMINATED or INTERNALLY_TERMINATED. */
  state: string;
  startTime: string;
  endTime: string | null;
  /** When the engine's history cleanup removes the instance (removal-time strategy). */
  removalTime: string | null;
  /** The calling instance, for an instance started by a call activity. */
  superProcessInstanceId: string | null;
}

export interface HistoricActivityInstance {
  id: string;
  activityId: string;
  activityName: string | null;
  activityType: string;
  processInstanceId: string;
  processDefinitionId: string;
  parentActivityInstanceId: string | null;
  taskId: string | null;
  calledProcessInstanceId: string | null;
  assignee: string | null;
  startTime: string;
  endTime: string | null;
  canceled: boolean;
}

export interface HistoricTask {
  id: string;
  name: string | null;
  taskDefinitionKey: string;
  processInstanceId: string;
  activityInstanceId: string;
  assignee: string | null;
  startTime: string;
  endTime: string | null;
  /** 'completed' for a completed task; 'deleted' or a reason for one ended otherwise. */
  deleteReason: string | null;
  due: string | null;
}

/** A variable's last value (also after the instance ended). Read with deserializeValues=false. */
export interface HistoricVariableInstance {
  id: string;
  name: string;
  type: string;
  value: unknown;
  processInstanceId: string;
  executionId: string | null;
  /** DELETED once removed at runtime (the query's includeDeleted shows those too). */
  state: 'CREATED' | 'DELETED' | string;
}

/** One change of a variable (GET/POST /history/detail with variableUpdates). */
export interface HistoricVariableUpdate {
  variableName: string;
  variableType: string;
  value: unknown;
  time: string;
  processInstanceId: string;
  activityInstanceId: string | null;
}

/** An entry of the user operation log: what an authenticated REST or webapp user did. */
export interface UserOperationLogEntry {
  operationType: string;
  entityType: string;
  userId: string | null;
  timestamp: string;
  processInstanceId: string | null;
  taskId: string | null;
  jobId: string | null;
  externalTaskId: string | null;
  property: string | null;
  newValue: string | null;
}

export interface HistoricIncident {
  id: string;
  processInstanceId: string;
  activityId: string;
  incidentType: string;
  incidentMessage: string | null;
  /** The failed job's or external task's id. */
  configuration: string | null;
  createTime: string;
  endTime: string | null;
  open: boolean;
  deleted: boolean;
  resolved: boolean;
}

export interface HistoricJobLog {
  jobId: string;
  jobDueDate: string | null;
  /** 'timer-transition', 'timer-intermediate-transition', … for timers. */
  jobDefinitionType: string | null;
  activityId: string | null;
  processInstanceId: string;
  timestamp: string;
  creationLog: boolean;
  successLog: boolean;
  deletionLog: boolean;
}

// ---- identity and queries ---------------------------------------------------------------------

export interface AuthenticationResult {
  authenticatedUser: string;
  authenticated: boolean;
}

export interface GroupMemberships {
  groups: { id: string; name: string | null }[];
}

export interface Count {
  count: number;
}

/** One criterion of a POST query's `sorting` list. */
export interface Sorting<By extends string = string> {
  sortBy: By;
  sortOrder: 'asc' | 'desc';
}
