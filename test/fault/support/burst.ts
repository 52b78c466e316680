import { basic } from '../../integration/support/ui.ts';

/**
 * A caseworker system's burst through the intake API: every notice sent once,
 * a few in flight at a time, every answer kept (status, content type, body,
 * when it came). A request the UI never answered (connection refused or reset,
 * timeout) is status 0.
 */
export interface Answer {
  status: number;
  type: string;
  body: any;
  /** Milliseconds since the burst started. */
  at: number;
  /** The `Retry-After` header in seconds, when the answer had one. */
  retryAfter?: number;
}

export interface Notice {
  index: number;
  /** A value unique to this notice, found again in the engine's variables (beskrivning, malnummer). */
  token: string;
  body: Record<string, unknown>;
  first: Answer;
  /** Answers to the same body sent again after recovery, in order. */
  retries: Answer[];
}

export const accepted = (a: Answer | undefined) => a !== undefined && a.status >= 200 && a.status < 300;
export const finalAnswer = (n: Notice): Answer => n.retries.at(-1) ?? n.first;
/** Worth sending again, as a client would: the service was away or busy, not the notice wrong. */
export const retryable = (a: Answer) => a.status === 0 || a.status >= 500 || a.status === 409;

export interface BurstOptions {
  uiUrl: string;
  path: string;
  bodies: { token: string; body: Record<string, unknown> }[];
  inFlight?: number;
  user?: string;
  /** Called after each answer with the number answered so far. */
  onAnswer?: (answered: number) => void;
}

export async function post(uiUrl: string, path: string, body: unknown, user = 'vera', started = Date.now()): Promise<Answer> {
  try {
    const response = await fetch(uiUrl + path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...basic(user) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    const type = response.headers.get('content-type') ?? '';
    const text = await response.text();
    let parsed: unknown = text;
    if (type.includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
    return {
      status: response.status,
      type,
      body: parsed,
      at: Date.now() - started,
      ...(Number.isFinite(retryAfter) ? { retryAfter } : {}),
    };
  } catch (error) {
    return { status: 0, type: '', body: String(error), at: Date.now() - started };
  }
}

export async function sendBurst(options: BurstOptions): Promise<{ notices: Notice[]; started: number; seconds: number }> {
  const started = Date.now();
  const notices: Notice[] = new Array(options.bodies.length);
  let next = 0;
  let answered = 0;
  const lane = async () => {
    for (;;) {
      const index = next++;
      if (index >= options.bodies.length) return;
      const { token, body } = options.bodies[index]!;
      const first = await post(options.uiUrl, options.path, body, options.user, started);
      notices[index] = { index, token, body, first, retries: [] };
      answered += 1;
      options.onAnswer?.(answered);
    }
  };
  await Promise.all(Array.from({ length: options.inFlight ?? 8 }, lane));
  return { notices, started, seconds: (Date.now() - started) / 1000 };
}

/**
 * After recovery every notice whose answer was worth a retry is sent again with
 * the same body, as an operator's client would: waiting what `Retry-After` asks
 * (or a growing pause), until it is answered otherwise or the time runs out.
 * The budget outlasts the intake's longest start lease (90 s), which a start
 * keeps when the database died before the lease could be shortened.
 */
export async function retryFailed(uiUrl: string, path: string, notices: Notice[], budgetMs = 240_000, inFlight = 8): Promise<void> {
  const pending = notices.filter((n) => retryable(n.first));
  let next = 0;
  const started = Date.now();
  const lane = async () => {
    for (;;) {
      const n = pending[next++];
      if (!n) return;
      const until = Date.now() + budgetMs;
      for (let attempt = 1; ; attempt++) {
        const answer = await post(uiUrl, path, n.body, 'vera', started);
        n.retries.push(answer);
        if (!retryable(answer)) break;
        const pause = Math.min((answer.retryAfter ?? 2 * attempt) * 1000, 60_000);
        if (Date.now() + pause > until) break;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
}

/** How many answers had each status, e.g. { "201": 250, "503": 250 }. */
export function statusCounts(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[String(a.status)] = (counts[String(a.status)] ?? 0) + 1;
  return counts;
}
