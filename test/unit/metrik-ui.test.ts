import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { Router } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem, problemHandler } from '../../ui/api/problem.ts';
import { atkomstlogg } from '../../ui/atkomstlogg.ts';
import { createUiMetrik, intagsutfall, type UiMetrik } from '../../ui/metrik.ts';
import { fastRutt, foljRutt } from '../../ui/ruttmonster.ts';

/**
 * Issue 19, items 3 and 4: the UI counts, times and logs each request by its
 * route pattern, never by its path (case numbers) or query (personnummer). The
 * app here is mounted the way ui/app.ts mounts its routers (a router under
 * /api, pathless routers inside it, an error that travels back out to the error
 * handler, files under /static), on Express's real router.
 */
const TOKEN = 'token-for-prometheus-0123456789';
const lines: Record<string, unknown>[] = [];
let server: http.Server;
let base: string;
let metrik: UiMetrik;
let indexeradTid: () => Promise<Date | null> = async () => new Date(Date.now() - 7000);

beforeAll(async () => {
  metrik = createUiMetrik(() => indexeradTid());
  const log = pino({ base: { service: 'bokvar-ui' } }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const app = express();
  app.use(foljRutt);
  app.use(metrik.matning);
  app.use(atkomstlogg(log));
  app.get('/metrics', metrik.endpoint(TOKEN));
  app.use('/static', fastRutt('/static/*'), express.static(path.resolve(import.meta.dirname, '../../ui/public')));
  app.use(express.json());
  const arenden = Router();
  arenden.get('/arenden/:arendenummer', (req, res) => void res.json({ arendenummer: req.params.arendenummer }));
  arenden.post('/arenden/:arendenummer/handelser', async () => {
    throw new Problem(409, 'Ärendet är avslutat');
  });
  const intag = Router();
  intag.post('/underrattelser', (req, res) => {
    if (!req.body?.hyresgast) throw new Problem(400, 'Ogiltiga uppgifter');
    res.status(req.body.upprepning ? 200 : 201).json({ arendenummer: 'BV-2026-000042' });
  });
  const api = Router();
  api.use(intag);
  api.use(arenden);
  app.use('/api', api);
  app.post('/registrera', (_req, res) => {
    intagsutfall(res, true);
    res.redirect(303, '/arenden/BV-2026-000043');
  });
  app.use(problemHandler({ error: () => {} }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

const post = (sokvag: string, body: unknown) =>
  fetch(base + sokvag, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), redirect: 'manual' });

async function scrape(): Promise<string> {
  const r = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(r.status).toBe(200);
  return r.text();
}

/** The access log line of the request whose answer just came (written when the answer is sent). */
async function line(index: number): Promise<Record<string, unknown>> {
  for (let i = 0; i < 50 && lines.length <= index; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return lines[index]!;
}

describe('UI metrics by route pattern', () => {
  it('labels requests with the route pattern, also when an error travels back out of nested routers', async () => {
    expect((await fetch(`${base}/api/arenden/BV-2026-000123?sok=198503121231`)).status).toBe(200);
    expect((await post('/api/arenden/BV-2026-000123/handelser', {})).status).toBe(409);
    expect((await fetch(`${base}/finns/inte/BV-2026-000123`)).status).toBe(404);
    expect((await fetch(`${base}/static/bokvar.css`)).status).toBe(200);
    const text = await scrape();
    expect(text).toContain('bokvar_ui_http_requests_total{method="GET",route="/api/arenden/:arendenummer",status="200"} 1');
    expect(text).toContain('bokvar_ui_http_requests_total{method="POST",route="/api/arenden/:arendenummer/handelser",status="409"} 1');
    expect(text).toContain('bokvar_ui_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain('bokvar_ui_http_requests_total{method="GET",route="/static/*",status="200"} 1');
    expect(text).toContain('bokvar_ui_http_request_duration_seconds_count{method="GET",route="/api/arenden/:arendenummer"} 1');
    expect(text).not.toMatch(/BV-2026|198503121231/);
  });

  it('counts intake outcomes 201, 200 and 400 (the API and the paper form), and nothing else as intake', async () => {
    const fore = await scrape();
    const count = (text: string, outcome: string) =>
      Number(new RegExp(`^bokvar_ui_intake_total\\{outcome="${outcome}"\\} (\\d+)`, 'm').exec(text)?.[1]);
    expect((await post('/api/underrattelser', { hyresgast: {} })).status).toBe(201);
    expect((await post('/api/underrattelser', { hyresgast: {}, upprepning: true })).status).toBe(200);
    expect((await post('/api/underrattelser', {})).status).toBe(400);
    // a body that is not JSON never reaches the route: still a refused notice
    expect(
      (await fetch(`${base}/api/underrattelser`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' })).status,
    ).toBe(400);
    expect((await post('/registrera', {})).status).toBe(303);
    expect((await post('/api/arenden/BV-2026-000123/handelser', {})).status).toBe(409);
    const efter = await scrape();
    expect(count(efter, '201') - count(fore, '201')).toBe(2);
    expect(count(efter, '200') - count(fore, '200')).toBe(1);
    expect(count(efter, '400') - count(fore, '400')).toBe(2);
  });

  it('reports the case index’s lag in seconds: +Inf before its first build, NaN when it cannot be read', async () => {
    const lag = (text: string) => /^bokvar_ui_case_index_lag_seconds (\S+)$/m.exec(text)?.[1];
    indexeradTid = async () => new Date(Date.now() - 7000);
    expect(Number(lag(await scrape()))).toBeGreaterThanOrEqual(7);
    expect(Number(lag(await scrape()))).toBeLessThan(30);
    indexeradTid = async () => null;
    expect(lag(await scrape())).toBe('+Inf');
    indexeradTid = async () => {
      throw new Error('Connection terminated');
    };
    // prom-client writes NaN as "Nan"; Prometheus reads either
    expect(lag(await scrape())).toMatch(/^nan$/i);
  });
});

describe('GET /metrics behind the token', () => {
  it('answers 401 without the token or with another', async () => {
    const utan = await fetch(`${base}/metrics`);
    expect(utan.status).toBe(401);
    expect(await utan.text()).toBe('');
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: 'Bearer fel' } })).status).toBe(401);
  });

  it('answers 404 when BOKVAR_METRIK_TOKEN is unset', async () => {
    const app = express();
    app.get('/metrics', createUiMetrik(async () => null).endpoint(undefined));
    const s = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => s.once('listening', resolve));
    const r = await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/metrics`, { headers: { Authorization: 'Bearer x' } });
    s.close();
    expect(r.status).toBe(404);
  });
});

describe('the access log', () => {
  it('writes one line per request: method, route pattern, status and duration; no path, query, headers or address', async () => {
    const forst = lines.length;
    const r = await fetch(`${base}/api/arenden/BV-2026-000777?personnummer=19850312-1231&sok=850312-1231`, {
      headers: { Cookie: 'bokvar_session=hemlig', Authorization: 'Basic dmVyYTp2ZXJh' },
    });
    expect(r.status).toBe(200);
    const rad = await line(forst);
    expect(rad).toMatchObject({
      level: 30,
      service: 'bokvar-ui',
      kind: 'access',
      method: 'GET',
      route: '/api/arenden/:arendenummer',
      status: 200,
      msg: 'request',
    });
    expect(typeof rad.durationMs).toBe('number');
    expect(Object.keys(rad).sort()).toEqual(
      ['durationMs', 'kind', 'level', 'method', 'msg', 'reqId', 'route', 'service', 'status', 'time'].sort(),
    );
    const text = JSON.stringify(rad);
    for (const forbjudet of ['BV-2026-000777', '1231', 'personnummer', 'hemlig', 'dmVyYTp2ZXJh', '127.0.0.1']) {
      expect(text).not.toContain(forbjudet);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.length - forst).toBe(1);
  });

  it('logs a request no route matched as unmatched, without its path', async () => {
    const forst = lines.length;
    expect((await fetch(`${base}/finns-inte/BV-2026-000888?x=1`)).status).toBe(404);
    expect(await line(forst)).toMatchObject({ level: 30, route: 'unmatched', status: 404 });
    expect(JSON.stringify(lines[forst])).not.toContain('BV-2026-000888');
  });
});
