import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { isEngineError, type Engine } from '../engine/engine.ts';
import { sendProblem } from '../api/problem.ts';
import type { Inloggningsbegransning } from './begransning.ts';
import type { Anvandare } from './roller.ts';
import type { Sessioner } from './sessioner.ts';

export const SESSION_COOKIE = 'bokvar_session';

declare module 'express-serve-static-core' {
  interface Request {
    anvandare?: Anvandare;
  }
}

export function lasCookie(req: Request, namn: string): string | undefined {
  for (const del of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = del.trim().split('=');
    if (k === namn) {
      try {
        return decodeURIComponent(v.join('='));
      } catch {
        return undefined; // a cookie nobody could have set is no login
      }
    }
  }
  return undefined;
}

export function lika(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Who is asking: HTTP Basic with an engine user (system clients), or the
 * browser's session cookie. Basic verifications are cached briefly (by a hash
 * of user and password) so a busy client does not log in to the engine on
 * every request. Does not refuse anyone; `krav*` below do.
 */
export function identifiera(engine: Engine, sessioner: Sessioner, begransning: Inloggningsbegransning) {
  const cache = new Map<string, { grupper: string[]; till: number }>();
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const header = req.headers.authorization;
      if (header?.startsWith('Basic ')) {
        const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        const id = decoded.slice(0, colon);
        const losenord = decoded.slice(colon + 1);
        // A user name with control characters (NUL …) names nobody, and the engine's database would refuse it.
        if (colon <= 0 || /\p{Cc}/u.test(id)) return sendProblem(res, 401, 'Inloggning krävs', 'Ogiltig Basic-autentisering.');
        // Before the cache: a throttled address stays refused even with a password someone used a moment ago.
        if (begransning.sparrad(id, kalla(req)))
          return sendProblem(res, 429, 'För många misslyckade inloggningar', 'Vänta en stund och försök igen.');
        const nyckel = createHash('sha256').update(decoded).digest('hex');
        const traff = cache.get(nyckel);
        if (traff && traff.till > Date.now()) {
          req.anvandare = { id, grupper: traff.grupper, via: 'basic' };
          return next();
        }
        if (!(await verifiera(engine, id, losenord))) {
          begransning.misslyckad(id, kalla(req));
          res.set('WWW-Authenticate', 'Basic realm="Bokvar", charset="UTF-8"');
          return sendProblem(res, 401, 'Inloggning krävs', 'Fel användarnamn eller lösenord.');
        }
        begransning.lyckad(id, kalla(req));
        const grupper = await engine.groups(id);
        cache.set(nyckel, { grupper, till: Date.now() + 60_000 });
        req.anvandare = { id, grupper, via: 'basic' };
        return next();
      }
      const token = lasCookie(req, SESSION_COOKIE);
      if (token) {
        const session = await sessioner.hamta(token);
        if (session) req.anvandare = { id: session.anvandare, grupper: session.grupper, via: 'session', csrf: session.csrf };
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The caller's address (behind a proxy the one it forwards, when `trust proxy` is set). */
export function kalla(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'okand';
}

export async function verifiera(engine: Engine, id: string, losenord: string): Promise<boolean> {
  try {
    return await engine.verifyPassword(id, losenord);
  } catch (error) {
    // The engine refuses a throttled user with an error rather than "false".
    if (isEngineError(error) && error.status < 500) return false;
    throw error;
  }
}

/** API: anonymous requests get 401; unsafe requests from a browser session need the CSRF token. */
export function kravInloggadApi(req: Request, res: Response, next: NextFunction): void {
  const a = req.anvandare;
  if (!a) {
    res.set('WWW-Authenticate', 'Basic realm="Bokvar", charset="UTF-8"');
    return sendProblem(res, 401, 'Inloggning krävs', 'Logga in eller använd HTTP Basic med en användare i processmotorn.');
  }
  if (!csrfOk(req)) return sendProblem(res, 403, 'Ogiltig CSRF-token', 'Ladda om sidan och försök igen.');
  next();
}

/** Pages: anonymous visitors go to the login page. */
export function kravInloggadSida(req: Request, res: Response, next: NextFunction): void {
  if (!req.anvandare) {
    res.redirect(303, `/inloggning?till=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  if (!csrfOk(req)) {
    res.status(403).type('text/plain; charset=utf-8').send('Ogiltig CSRF-token. Ladda om sidan och försök igen.');
    return;
  }
  next();
}

function csrfOk(req: Request): boolean {
  const a = req.anvandare;
  if (!a || a.via !== 'session') return true; // Basic is not sent by browsers on their own.
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return true;
  const given = req.get('x-csrf-token') ?? (req.body as { _csrf?: unknown } | undefined)?._csrf;
  return typeof given === 'string' && a.csrf !== undefined && lika(given, a.csrf);
}
