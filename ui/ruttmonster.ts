import type { Request, RequestHandler } from 'express';

/**
 * The route pattern a request matched (`/api/arenden/:arendenummer`), for the
 * metrics and the access log: never the concrete path, which carries case
 * numbers, and never the query string, where a personnummer may arrive.
 *
 * Express sets `req.route` when a route matches, with the route's path inside
 * its own router; the routers' mount paths are in `req.baseUrl` at that moment
 * only (they are restored as an error travels back out). So the pattern is
 * recorded when `req.route` is set. Every mount in ui/app.ts is a fixed path,
 * so the base holds no parameter value.
 */
const MONSTER = Symbol('bokvar.ruttmonster');
type MedMonster = Request & { [MONSTER]?: string };

/** What a request that matched no route (a 404, a body that could not be parsed) is counted and logged as. */
export const INGEN_RUTT = 'unmatched';

/** The first middleware: from here on, the route a request matches is recorded. */
export const foljRutt: RequestHandler = (req, _res, next) => {
  let route: unknown;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: unknown) {
      route = value;
      const sokvag = (value as { path?: unknown } | undefined)?.path;
      if (typeof sokvag === 'string') (req as MedMonster)[MONSTER] = sammanfoga(req.baseUrl, sokvag);
    },
  });
  next();
};

/** For a mount that serves files rather than routes (`/static`): every request under it has this pattern. */
export function fastRutt(monster: string): RequestHandler {
  return (req, _res, next) => {
    (req as MedMonster)[MONSTER] = monster;
    next();
  };
}

export function ruttmonster(req: Request): string {
  return (req as MedMonster)[MONSTER] ?? INGEN_RUTT;
}

function sammanfoga(bas: string, sokvag: string): string {
  if (!bas) return sokvag;
  return sokvag === '/' ? bas : bas + sokvag;
}
