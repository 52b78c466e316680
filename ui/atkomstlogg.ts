import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { ruttmonster } from './ruttmonster.ts';

/**
 * The UI's access log: one line per request, when its answer is sent (or the
 * client gives up), with method, route pattern, status and duration:
 *
 *   {"level":30,"service":"bokvar-ui","kind":"access","method":"GET","route":"/api/arenden/:arendenummer","status":200,"durationMs":12,"msg":"request"}
 *
 * Never the concrete path (case numbers), the query string (a personnummer may
 * arrive there), headers (cookies, credentials), the client's address, the user
 * or the body. docs/drift/loggar.md describes it for operations.
 */
export function atkomstlogg(log: Logger): RequestHandler {
  const rad = (req: IncomingMessage, res: ServerResponse, ms: number) => ({
    method: req.method,
    route: ruttmonster(req as Parameters<typeof ruttmonster>[0]),
    status: res.statusCode,
    durationMs: ms,
  });
  const middleware = pinoHttp({
    logger: log.child({ kind: 'access' }),
    // Only the fields above: the request and response serializers would otherwise write the URL and the headers.
    quietReqLogger: true,
    quietResLogger: true,
    wrapSerializers: false,
    serializers: { req: (req: IncomingMessage) => ({ method: req.method }), res: (res: ServerResponse) => ({ status: res.statusCode }) },
    customAttributeKeys: { reqId: 'reqId' },
    customSuccessObject: (req, res, val: { responseTime: number }) => rad(req, res, val.responseTime),
    customErrorObject: (req, res, _error, val: { responseTime: number }) => rad(req, res, val.responseTime),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    // 4xx are the callers' (a wrong password, a missing case) and common; 5xx are ours.
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
  });
  return middleware as unknown as RequestHandler;
}
