// Types for camunda-external-task-client-js 3.1.0: only what Bokvar uses.
// (@types/camunda-external-task-client-js describes 1.3 and lacks these options.)
declare module 'camunda-external-task-client-js' {
  export type Interceptor = (config: Record<string, unknown>) => Record<string, unknown>;

  export interface ClientOptions {
    baseUrl: string;
    workerId?: string;
    maxTasks?: number;
    maxParallelExecutions?: number;
    interval?: number;
    lockDuration?: number;
    autoPoll?: boolean;
    asyncResponseTimeout?: number;
    usePriority?: boolean;
    interceptors?: Interceptor | Interceptor[];
    use?: unknown;
  }

  export interface SubscribeOptions {
    lockDuration?: number;
    variables?: string[];
    processDefinitionKeyIn?: string[];
  }

  export interface TypedValue {
    value: unknown;
    type: string;
    valueInfo?: Record<string, unknown>;
  }

  export class Variables {
    constructor();
    get(name: string): unknown;
    getAll(): Record<string, unknown>;
    getAllTyped(): Record<string, TypedValue>;
    set(name: string, value: unknown): this;
    setTyped(name: string, typedValue: TypedValue): this;
    setAll(values: Record<string, unknown>): this;
    setAllTyped(values: Record<string, TypedValue>): this;
  }

  export interface Task {
    id: string;
    topicName: string;
    workerId: string;
    processInstanceId: string;
    processDefinitionKey: string;
    activityId: string;
    businessKey: string | null;
    retries: number | null;
    lockExpirationTime: string;
    variables: Variables;
  }

  export interface FailureOptions {
    errorMessage: string;
    errorDetails?: string;
    retries: number;
    retryTimeout: number;
  }

  export interface TaskService {
    complete(task: Task, processVariables?: Variables, localVariables?: Variables): Promise<void>;
    handleFailure(task: Task, options: FailureOptions): Promise<void>;
    handleBpmnError(task: Task, errorCode: string, errorMessage?: string, variables?: Variables): Promise<void>;
    extendLock(task: Task, newDuration: number): Promise<void>;
  }

  export type Handler = (args: { task: Task; taskService: TaskService }) => Promise<void>;

  export interface TopicSubscription {
    unsubscribe(): void;
  }

  export class Client {
    constructor(options: ClientOptions);
    subscribe(topic: string, options: SubscribeOptions, handler: Handler): TopicSubscription;
    start(): void;
    stop(): void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    activeTasksCount: number;
    /** The options in force; the client reads `interval` again before each poll, so it may be changed between polls. */
    options: ClientOptions & { interval: number };
  }

  /** Its constructor returns the interceptor function itself. */
  export const BasicAuthInterceptor: new (options: { username: string; password: string }) => Interceptor;
}
