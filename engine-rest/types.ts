/** The parts of Camunda 7 REST responses that Bokvar reads. */
export interface ProcessInstance {
  id: string;
  definitionId: string;
  businessKey: string | null;
  ended: boolean;
}

export interface Deployment {
  id: string;
  name: string;
  deployedProcessDefinitions: Record<string, { id: string; key: string; version: number }> | null;
}

export interface ProcessDefinition {
  id: string;
  key: string;
  name: string | null;
  version: number;
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

export interface HistoricActivityInstance {
  id: string;
  activityId: string;
  activityName: string | null;
  activityType: string;
  processInstanceId: string;
  startTime: string;
  endTime: string | null;
  assignee: string | null;
  canceled: boolean;
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
  incidentMessage: string;
  activityId: string;
  processInstanceId: string;
}

export interface Job {
  id: string;
  dueDate: string | null;
  processInstanceId: string;
}

/** A typed process variable as Camunda's REST API carries it. */
export interface VariableValue {
  value: unknown;
  type: string;
  valueInfo?: Record<string, unknown>;
}
