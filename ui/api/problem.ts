import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { EngineRestError, EngineUnreachableError } from '../../engine-rest/client.ts';

/**
 * RFC 9457 problem details: every error the API gives is
 * `application/problem+json` with a Swedish title and, for invalid input, one
 * entry per field and what is wrong with it.
 */
export interface Falt {
  falt: string;
  fel: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly falt?: Falt[],
    /** For a refusal that will pass later: the seconds a client should wait (`Retry-After`). */
    readonly retryAfterSekunder?: number,
  ) {
    super(title);
  }
}

export function sendProblem(res: Response, status: number, title: string, detail?: string, falt?: Falt[]): void {
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...(falt ? { falt } : {}) }));
}

export function zodFalt(error: z.ZodError): Falt[] {
  return error.issues.map((issue) => ({
    falt: issue.path.length > 0 ? issue.path.map(String).join('.') : '(hela meddelandet)',
    fel: svenskt(issue),
  }));
}

function svenskt(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'saknas' : `fel typ: ska vara ${issue.expected}`;
    case 'unrecognized_keys':
      return `okända fält: ${issue.keys.join(', ')}`;
    case 'invalid_value':
      return `ogiltigt värde; tillåtna: ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return 'ogiltigt värde för typ';
    case 'too_small':
      return issue.origin === 'string' ? 'får inte vara tomt' : `för litet (minst ${String(issue.minimum)})`;
    case 'too_big':
      return `för stort (högst ${String(issue.maximum)})`;
    case 'invalid_format':
      return issue.format === 'email' ? 'ogiltig e-postadress' : issue.message;
    default:
      return issue.message;
  }
}

export function validationProblem(error: z.ZodError): Problem {
  return new Problem(400, 'Ogiltiga uppgifter', 'Meddelandet har fel och har inte tagits emot; inget har ändrats.', zodFalt(error));
}

/** The body parser's refusals (body-parser's error types), each as the caller's error. */
const BEGARANSFEL: Record<string, { status: number; titel: string; detalj: string; fel: string }> = {
  'charset.unsupported': {
    status: 415,
    titel: 'Teckenkodningen stöds inte',
    detalj: 'Skicka meddelandet som UTF-8.',
    fel: 'teckenkodningen stöds inte (använd UTF-8)',
  },
  'encoding.unsupported': {
    status: 415,
    titel: 'Komprimeringen stöds inte',
    detalj: 'Skicka meddelandet okomprimerat, eller med gzip eller deflate.',
    fel: 'Content-Encoding stöds inte',
  },
  'parameters.too.many': {
    status: 413,
    titel: 'För många fält',
    detalj: 'Formuläret har fler fält än något av Bokvars formulär.',
    fel: 'för många fält',
  },
  'request.size.invalid': {
    status: 400,
    titel: 'Ofullständigt meddelande',
    detalj: 'Meddelandets längd stämmer inte med Content-Length.',
    fel: 'fel längd',
  },
  'request.aborted': { status: 400, titel: 'Avbrutet meddelande', detalj: 'Meddelandet avbröts innan det kommit fram.', fel: 'avbrutet' },
};

/**
 * Which part is away, when an error means the engine or a database cannot be
 * reached (rather than that the request or Bokvar is wrong): the caller gets
 * 503 and may try again. The engine answers 500 when its own database is away.
 */
export function otillganglig(error: unknown): 'motorn' | 'databasen' | undefined {
  if (error instanceof EngineUnreachableError) return 'motorn';
  if (error instanceof EngineRestError) {
    if (error.status === 502 || error.status === 503 || error.status === 504) return 'motorn';
    if (
      error.status === 500 &&
      /Could not open JDBC Connection|Connection refused|PSQLException.*(connection|terminat)|CannotGetJdbcConnection|HikariPool/i.test(
        error.message,
      )
    )
      return 'motorn';
    return undefined;
  }
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e?.code === 'string' && PG_OTILLGANGLIG.test(e.code)) return 'databasen';
  if (
    typeof e?.message === 'string' &&
    /Timeout acquiring a connection|Connection terminated|terminating connection|the database system is (starting up|shutting down)|connect ECONNREFUSED/.test(
      e.message,
    )
  )
    return 'databasen';
  return undefined;
}

/** Network errors and PostgreSQL's classes 08 (connection), 57P (shutdown) and 53300 (too many connections). */
const PG_OTILLGANGLIG = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|08...|57P0[1-3]|53300)$/;

export function otillgangligProblem(del: 'motorn' | 'databasen', detalj = 'Inget har ändrats. Försök igen om en stund.'): Problem {
  return new Problem(503, del === 'motorn' ? 'Processmotorn svarar inte' : 'Databasen svarar inte', detalj);
}

/** The last error handler: problems as problem+json, the rest as 500 without internals. */
export function problemHandler(log: { error: (o: object, m: string) => void }) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    if (error instanceof Problem) {
      const vanta = error.retryAfterSekunder ?? (error.status === 503 ? 30 : undefined);
      if (vanta !== undefined) res.set('Retry-After', String(vanta));
      sendProblem(res, error.status, error.title, error.detail, error.falt);
      return;
    }
    const borta = otillganglig(error);
    if (borta) {
      log.error({ err: { name: (error as Error).name, message: (error as Error).message } }, `${borta} unavailable`);
      const p = otillgangligProblem(borta);
      res.set('Retry-After', '30');
      sendProblem(res, p.status, p.title, p.detail);
      return;
    }
    const e = error as { type?: string; status?: number };
    if (e.type === 'entity.too.large') {
      // The issue asks for 400 on every invalid input, oversized bodies included.
      sendProblem(res, 400, 'För stort meddelande', 'Meddelandet får vara högst 64 kB.', [
        { falt: '(hela meddelandet)', fel: 'för stort (högst 64 kB)' },
      ]);
      return;
    }
    if (e.type === 'entity.parse.failed') {
      sendProblem(res, 400, 'Ogiltig JSON', 'Meddelandet kunde inte tolkas som JSON.', [
        { falt: '(hela meddelandet)', fel: 'ogiltig JSON' },
      ]);
      return;
    }
    const begaran = BEGARANSFEL[e.type ?? ''];
    if (begaran) {
      sendProblem(res, begaran.status, begaran.titel, begaran.detalj, [{ falt: '(hela meddelandet)', fel: begaran.fel }]);
      return;
    }
    if (error instanceof URIError) {
      // Only decoding what the caller sent throws it (a cookie or a parameter with a broken %-escape).
      sendProblem(res, 400, 'Felaktig begäran', 'Begäran innehåller en ogiltig %-kodning och har inte tagits emot; inget har ändrats.');
      return;
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      // The request itself was wrong (a path that cannot be decoded, an aborted body …): the caller's to fix.
      sendProblem(res, e.status, 'Felaktig begäran', 'Begäran kunde inte tolkas och har inte tagits emot; inget har ändrats.');
      return;
    }
    log.error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'request failed');
    sendProblem(res, 500, 'Internt fel', 'Något gick fel. Försök igen; kvarstår felet, kontakta förvaltningen.');
  };
}

/**
 * What Node's HTTP server refuses before express sees the request (a request line or
 * headers over 16 kB, a malformed request): the same problem+json as every other
 * refusal, instead of Node's bare status line without a body.
 */
export function klientfelSomProblem(fel: Error & { code?: string }, socket: Duplex): void {
  if (fel.code === 'ECONNRESET' || !socket.writable) return;
  const [status, title] =
    fel.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'För långa rubriker']
      : fel.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Begäran tog för lång tid']
        : [400, 'Felaktig begäran'];
  const detail =
    status === 431
      ? 'Adressen eller rubrikerna är längre än 16 kB.'
      : status === 408
        ? 'Begäran kom inte fram i tid.'
        : 'Begäran följer inte HTTP och kunde inte tolkas; inget har ändrats.';
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
