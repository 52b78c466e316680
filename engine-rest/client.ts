/**
 * The one small client for Camunda 7's REST API (/engine-rest), used by the
 * start scripts, the UI and the tests. Every call authenticates with HTTP Basic:
 * the engine refuses anonymous requests.
 */
export interface EngineCredentials {
  user: string;
  password: string;
}

export class EngineRestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly engineType: string | undefined,
    engineMessage: string,
  ) {
    super(`Engine REST ${method} ${path} answered ${status}: ${engineMessage}`);
    this.name = 'EngineRestError';
  }
}

/**
 * The engine could not be asked: no answer came. `reached` says whether the
 * request may have arrived (a reset or cut connection, a timeout) or surely did
 * not (connection refused, unknown host): a start that may have arrived may
 * also have happened.
 */
export class EngineUnreachableError extends Error {
  readonly reached: boolean;

  constructor(
    readonly method: string,
    readonly path: string,
    cause: unknown,
  ) {
    const code = networkCode(cause);
    super(`Engine REST ${method} ${path} unreachable: ${code ?? (cause instanceof Error ? cause.message : String(cause))}`);
    this.name = 'EngineUnreachableError';
    this.reached = !NOT_SENT.has(code ?? '');
  }
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if ((e as { name?: unknown }).name === 'TimeoutError') return 'TIMEOUT';
  }
  return undefined;
}

type Query = Record<string, string | number | boolean | undefined>;

export class EngineRest {
  private readonly authorization: string;

  constructor(
    readonly baseUrl: string,
    credentials: EngineCredentials,
    /** No call waits longer: a hung engine is an unreachable one (the intake's start lease counts on it). */
    readonly timeoutMs = 60_000,
  ) {
    this.authorization = 'Basic ' + Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64');
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  delete<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('DELETE', withQuery(path, query));
  }

  /**
   * Every result of a list resource, page by page (firstResult/maxResults), so that a
   * large engine answers in bounded pieces. With a body, the POST variant of the query
   * (lists of ids, sortings), the paging and any other query parameters in the URL.
   */
  async getAll<T>(path: string, query: Query = {}, pageSize = 5000): Promise<T[]> {
    return this.pages<T>((firstResult) => this.get<T[]>(path, { ...query, firstResult, maxResults: pageSize }), pageSize);
  }

  async postAll<T>(path: string, body: unknown, query: Query = {}, pageSize = 5000): Promise<T[]> {
    return this.pages<T>((firstResult) => this.post<T[]>(withQuery(path, { ...query, firstResult, maxResults: pageSize }), body), pageSize);
  }

  private async pages<T>(page: (firstResult: number) => Promise<T[]>, pageSize: number): Promise<T[]> {
    const all: T[] = [];
    for (let first = 0; ; first += pageSize) {
      const part = await page(first);
      all.push(...part);
      if (part.length < pageSize) return all;
    }
  }

  postMultipart<T>(path: string, form: FormData): Promise<T> {
    return this.send<T>('POST', path, form, {});
  }

  /** A resource that is not JSON (a deployed file's bytes, a stack trace), as text. */
  getText(path: string): Promise<string> {
    return this.send<string>('GET', path, undefined, { Accept: '*/*' }, true);
  }

  private request<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (body === undefined) return this.send<T>(method, path, undefined, {});
    return this.send<T>(method, path, JSON.stringify(body), { 'Content-Type': 'application/json' });
  }

  private async send<T>(
    method: string,
    path: string,
    body: BodyInit | undefined,
    headers: Record<string, string>,
    raw = false,
  ): Promise<T> {
    const where = path.split('?')[0] ?? path;
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        body,
        headers: { Accept: 'application/json', Authorization: this.authorization, ...headers },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new EngineUnreachableError(method, where, error);
    }
    if (!response.ok) {
      const { type, message } = parseEngineError(text);
      throw new EngineRestError(method, where, response.status, type, message);
    }
    if (raw) return text as T;
    return (text.length > 0 ? JSON.parse(text) : undefined) as T;
  }
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const encoded = params.toString();
  return encoded ? `${path}?${encoded}` : path;
}

function parseEngineError(text: string): { type: string | undefined; message: string } {
  try {
    const parsed = JSON.parse(text) as { type?: string; message?: string };
    return { type: parsed.type, message: parsed.message ?? text };
  } catch {
    return { type: undefined, message: text.slice(0, 500) };
  }
}

/**
 * The engine's own address for a REST URL: Bokvar's settings name the REST API
 * (`…/engine-rest`), and the engine serves actuator (`/actuator/health`) and the
 * webapps beside it on the same host.
 */
export function engineBaseUrl(restUrl: string): string {
  return restUrl.replace(/\/+$/, '').replace(/\/engine-rest$/, '');
}
