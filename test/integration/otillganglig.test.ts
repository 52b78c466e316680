import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnex } from '../../migrations/index.ts';
import { Arendeindex } from '../../ui/arenden/arendeindex.ts';
import { createApp, uiEngine } from '../../ui/app.ts';
import { readUiConfig } from '../../ui/config.ts';
import { engineAsAdmin, stack } from './support/engine.ts';
import { basic, underrattelse } from './support/ui.ts';
import { runHealthcheck } from '../support/halsa.ts';

/**
 * Issue 17: the engine or the database away is 503 problem+json for anyone,
 * the user the UI has not seen yet included (before: 500), and nothing starts.
 * A real UI (the app of ui/main.ts) on its own port, its engine or its
 * database pointed at a port where nothing listens.
 */
const servrar: http.Server[] = [];

async function ledigPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function ui(over: { motor?: string; databas?: string }): Promise<string> {
  const config = readUiConfig({
    BOKVAR_ENGINE_PUBLIC_URL: stack().engineBaseUrl,
    BOKVAR_ENGINE_URL: over.motor ?? stack().engineRestUrl,
    BOKVAR_UI_USER: stack().ui.user,
    BOKVAR_UI_PASSWORD: stack().ui.password,
    DATABASE_URL: over.databas ?? stack().databaseUrl,
  });
  const db = createKnex(config.DATABASE_URL);
  const engine = uiEngine(config);
  const app = createApp(config, db, { engine, arendeindex: new Arendeindex(db, engine.rest) });
  const server = app.listen(0, '127.0.0.1');
  servrar.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let utanMotor: string;
let utanDatabas: string;
beforeAll(async () => {
  utanMotor = await ui({ motor: `http://127.0.0.1:${await ledigPort()}/engine-rest` });
  utanDatabas = await ui({ databas: `postgres://postgres@127.0.0.1:${await ledigPort()}/bokvar` });
});
afterAll(() => {
  for (const s of servrar) s.close();
});

const instanser = async () => (await engineAsAdmin().get<{ count: number }>('/history/process-instance/count')).count;

async function skicka(
  bas: string,
  user: string,
): Promise<{ status: number; type: string; retryAfter: string | null; body: { title?: string; status?: number } }> {
  const r = await fetch(`${bas}/api/underrattelser`, {
    method: 'POST',
    headers: { ...basic(user), 'Content-Type': 'application/json' },
    body: JSON.stringify(underrattelse()),
  });
  return {
    status: r.status,
    type: r.headers.get('content-type') ?? '',
    retryAfter: r.headers.get('retry-after'),
    body: (await r.json()) as { title?: string },
  };
}

describe('a part away is 503 for anyone, and nothing starts', () => {
  it('engine away: a user the UI has never seen gets 503 problem+json, not 500', async () => {
    const fore = await instanser();
    for (const user of ['vera', 'bosse']) {
      const r = await skicka(utanMotor, user);
      expect(r.status).toBe(503);
      expect(r.type).toMatch(/application\/problem\+json/);
      expect(r.body).toMatchObject({ title: 'Processmotorn svarar inte', status: 503 });
      expect(r.retryAfter).toBe('30');
    }
    expect(await instanser()).toBe(fore);
  });

  it('database away: 503 problem+json for a notice and for the case list, and nothing starts', async () => {
    const fore = await instanser();
    const r = await skicka(utanDatabas, 'vera');
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ title: 'Databasen svarar inte', status: 503 });
    const lista = await fetch(`${utanDatabas}/api/arenden`, { headers: basic('vera') });
    expect(lista.status).toBe(503);
    expect(lista.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await instanser()).toBe(fore);
  });

  it("the health check names what is away, and compose's check of it fails", async () => {
    for (const [bas, body] of [
      [utanMotor, { status: 'fel', databas: true, motor: false }],
      [utanDatabas, { status: 'fel', databas: false, motor: true }],
    ] as const) {
      const r = await fetch(`${bas}/halsa`);
      expect(r.status).toBe(503);
      expect(await r.json()).toEqual(body);
      expect(await runHealthcheck('ui', { BOKVAR_UI_PORT: new URL(bas).port })).toBe(1);
    }
  });
});

describe('a login that names nobody is refused at the door', () => {
  it('a NUL in a Basic user name, a broken session cookie, a login form with a field sent twice: 4xx, never 500', async () => {
    const bas = stack().uiUrl;
    const nul = await fetch(`${bas}/api/arenden`, {
      headers: { Authorization: `Basic ${Buffer.from('ve\u0000ra:vera').toString('base64')}` },
    });
    expect(nul.status).toBe(401);
    expect(nul.headers.get('content-type')).toMatch(/problem\+json/);
    const kaka = await fetch(`${bas}/api/arenden`, { headers: { Cookie: 'bokvar_session=%E0%A4%A' } });
    expect(kaka.status).toBe(401);
    const form = await fetch(`${bas}/inloggning`);
    const loginCookie = form.headers.get('set-cookie')!.split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const dubbel = await fetch(`${bas}/inloggning`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: loginCookie },
      body: `anvandare=vera&anvandare=rut&losenord=x&_csrf=${encodeURIComponent(token)}`,
      redirect: 'manual',
    });
    expect(dubbel.status).toBe(400);
  });
});
