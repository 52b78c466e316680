import type { Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { metrikBehorighet, metrikSvar } from '../domain/metrik-token.ts';
import { ruttmonster } from './ruttmonster.ts';

/**
 * The UI's metrics for Prometheus (docs/drift/metrik.md), on `GET /metrics`
 * behind BOKVAR_METRIK_TOKEN. Labels are methods, route patterns (ui/ruttmonster.ts),
 * status codes and intake outcomes: never a path with a case number, never a user.
 */
export interface UiMetrik {
  registry: Registry;
  /** Counts and times every request; the first middleware after foljRutt. */
  matning: RequestHandler;
  /** `GET /metrics`. */
  endpoint(token: string | undefined): RequestHandler;
}

/** The notices that start cases: the intake API and the paper form. All three are fixed paths. */
const INTAG = new Set(['/api/underrattelser', '/api/kronofogden-meddelanden', '/registrera']);
const INTAGSUTFALL = new Set(['201', '200', '400']);
const UTFALL = Symbol('bokvar.intagsutfall');

/**
 * The paper form answers a registered notice with a redirect (303) to the case;
 * it says here whether that was a new case (201) or a repeat (200), as the API would.
 */
export function intagsutfall(res: Response, nytt: boolean): void {
  (res as Response & { [UTFALL]?: string })[UTFALL] = nytt ? '201' : '200';
}

function intagetsUtfall(req: Request, res: Response): string | undefined {
  if (req.method !== 'POST' || !INTAG.has(req.originalUrl.split('?')[0]!)) return undefined;
  const utfall = (res as Response & { [UTFALL]?: string })[UTFALL] ?? String(res.statusCode);
  return INTAGSUTFALL.has(utfall) ? utfall : undefined;
}

/** Page loads and API calls take milliseconds to a few seconds; an intake that waits on the engine, longer. */
const SEKUNDER = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * @param indexeradTid Until when the case index holds every engine change (ui/arenden/arendeindex.ts); null before its first build.
 */
export function createUiMetrik(indexeradTid: () => Promise<Date | null>): UiMetrik {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'bokvar_ui_http_requests_total',
    help: 'HTTP requests answered, per method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'bokvar_ui_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, per method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: SEKUNDER,
    registers: [registry],
  });
  const intag = new Counter({
    name: 'bokvar_ui_intake_total',
    help: 'Notices received through the intake (API and paper form): 201 new case, 200 repeat of a known notice, 400 refused as invalid.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  for (const outcome of INTAGSUTFALL) intag.inc({ outcome }, 0);
  new Gauge({
    name: 'bokvar_ui_case_index_lag_seconds',
    help: 'How far the case index (the case list) is behind the engine, in seconds; +Inf before its first build, NaN when the database does not answer.',
    registers: [registry],
    async collect() {
      try {
        const till = await indexeradTid();
        this.set(till ? Math.max(0, (Date.now() - till.getTime()) / 1000) : Number.POSITIVE_INFINITY);
      } catch {
        this.set(Number.NaN);
      }
    },
  });

  return {
    registry,
    matning(req, res, next) {
      const start = performance.now();
      res.once('finish', () => {
        const route = ruttmonster(req);
        requests.inc({ method: req.method, route, status: String(res.statusCode) });
        duration.observe({ method: req.method, route }, (performance.now() - start) / 1000);
        const utfall = intagetsUtfall(req, res);
        if (utfall) intag.inc({ outcome: utfall });
      });
      next();
    },
    endpoint(token) {
      return async (req, res) => {
        const behorighet = metrikBehorighet(token, req.headers.authorization);
        if (behorighet !== 'tillaten') {
          const { status, headers } = metrikSvar(behorighet);
          res.status(status).set(headers).end();
          return;
        }
        res
          .status(200)
          .set({ 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' })
          .send(await registry.metrics());
      };
    },
  };
}
