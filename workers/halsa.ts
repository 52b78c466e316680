import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { metrikBehorighet, metrikSvar } from '../domain/metrik-token.ts';
import type { GroupState } from './polling.ts';

/**
 * The workers' health check (`GET /halsa`), for compose and the municipality's
 * monitoring. A running process says little: workers that cannot reach the
 * engine run on and do nothing. Healthy is therefore each fetch loop having
 * fetched from the engine within the window (an empty long poll counts: the
 * engine answered), or having every slot busy, when it does not fetch by design.
 * The body says only up or down, no addresses or error texts.
 */
export interface WorkerHalsa {
  status: 'ok' | 'fel';
  motor: boolean;
}

export function bedomHalsa(groups: GroupState[], now: number, maxMs: number): WorkerHalsa {
  const motor = groups.every((g) => g.full || now - g.lastSuccess <= maxMs);
  return { status: motor ? 'ok' : 'fel', motor };
}

export interface HalsaServer {
  port: number;
  close(): Promise<void>;
}

/** The metrics this server also serves (`GET /metrics`, token-protected; workers/metrik.ts). */
export interface MetrikKalla {
  /** BOKVAR_METRIK_TOKEN; undefined: metrics off, 404. */
  token: string | undefined;
  contentType: string;
  text(): Promise<string>;
}

/** Listens on `port` (0: a free one); a port already taken is an error at start, not a silent lack of checks. */
export async function startHalsaServer(port: number, check: () => WorkerHalsa, log: Logger, metrik?: MetrikKalla): Promise<HalsaServer> {
  const server = http.createServer((req, res) => {
    const sokvag = req.url?.split('?')[0];
    if (req.method === 'GET' && sokvag === '/metrics') {
      void svaraMetrik(req, res, metrik, log);
      return;
    }
    if (req.method !== 'GET' || sokvag !== '/halsa') {
      res.writeHead(404).end();
      return;
    }
    const halsa = check();
    res.writeHead(halsa.motor ? 200 : 503, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(halsa));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  log.info({ port: actual }, 'halsa listening');
  return {
    port: actual,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function svaraMetrik(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  metrik: MetrikKalla | undefined,
  log: Logger,
): Promise<void> {
  const behorighet = metrikBehorighet(metrik?.token, req.headers.authorization);
  if (behorighet !== 'tillaten') {
    const { status, headers } = metrikSvar(behorighet);
    res.writeHead(status, headers).end();
    return;
  }
  try {
    const text = await metrik!.text();
    res.writeHead(200, { 'Content-Type': metrik!.contentType, 'Cache-Control': 'no-store' }).end(text);
  } catch (error) {
    log.error({ err: error instanceof Error ? error.message : String(error) }, 'metrics failed');
    res.writeHead(500).end();
  }
}
