import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { stack } from './support/engine.ts';

/**
 * Issue 17: a stranger guessing passwords must not lock anyone out. Wrong
 * passwords are throttled per user and source address (the engine's REST API,
 * its webapps' login and Bokvar's UI), and the engine's own permanent lock is
 * off. Loopback has many addresses, so the "stranger" calls from 127.0.0.66
 * and the user from 127.0.0.77.
 */
const FRAMLING = '127.0.0.66';
const ANVANDARE = '127.0.0.77';

interface Svar {
  status: number;
  body: string;
  cookies: string[];
}

function anrop(
  url: string,
  fran: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Svar> {
  const u = new URL(url.replace('//localhost:', '//127.0.0.1:'));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: fran,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!) }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const basic = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

async function engineRest(fran: string, user: string, password: string, path = '/task/count'): Promise<number> {
  return (await anrop(`${stack().engineRestUrl}${path}`, fran, { headers: basic(user, password) })).status;
}

async function webappLogin(fran: string, user: string, password: string): Promise<number> {
  const base = stack().webappUrl;
  const page = await anrop(`${base}/app/tasklist/default/`, fran);
  const xsrf = /XSRF-TOKEN=([^;]+)/.exec(page.cookies.join('; '))?.[1] ?? '';
  const svar = await anrop(`${base}/api/admin/auth/user/default/login/tasklist`, fran, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: page.cookies.join('; '), 'X-XSRF-TOKEN': xsrf },
    body: new URLSearchParams({ username: user, password }).toString(),
  });
  return svar.status;
}

async function gissa(antal: number, forsok: () => Promise<number>): Promise<number[]> {
  const statusar: number[] = [];
  for (let i = 0; i < antal; i++) statusar.push(await forsok());
  return statusar;
}

describe('lockout is not a denial of service', () => {
  it('engine REST: twelve wrong passwords for a caseworker throttle only the guessing address; she still gets in, also after the engine would have locked her', async () => {
    const statusar = await gissa(12, () => engineRest(FRAMLING, 'vera', 'fel-losenord'));
    expect(statusar.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statusar.slice(10)).toEqual([429, 429]);
    // The right password from the stranger's address waits too (he might have guessed it) …
    expect(await engineRest(FRAMLING, 'vera', 'vera')).toBe(429);
    // … but vera at her own desk is let in: no permanent lock after ten failures, no lock for everyone.
    expect(await engineRest(ANVANDARE, 'vera', 'vera')).toBe(200);
    expect(await webappLogin(ANVANDARE, 'vera', 'vera')).toBe(200);
  });

  it('the technical users cannot be locked from outside: the worker keeps working while a stranger guesses its password', async () => {
    const { worker, ui } = stack();
    for (const teknisk of [worker, ui]) {
      const statusar = await gissa(11, () => engineRest(FRAMLING, teknisk.user, 'gissning'));
      expect(statusar.at(-1)).toBe(429);
      expect(await engineRest('127.0.0.1', teknisk.user, teknisk.password, '/external-task/count')).toBe(200);
    }
  });

  it("Tasklist's login form: throttled per user and address, the right password from another address works", async () => {
    const statusar = await gissa(11, () => webappLogin(FRAMLING, 'bosse', 'fel'));
    expect(statusar.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statusar[10]).toBe(429);
    expect(await webappLogin(ANVANDARE, 'bosse', 'bosse')).toBe(200);
  });

  it("Bokvar's API and login page: a stranger's guesses lock only his own address", async () => {
    const api = (fran: string, password: string) =>
      anrop(`${stack().uiUrl}/api/arenden`, fran, { headers: { ...basic('rut', password), Accept: 'application/json' } });
    const statusar: number[] = [];
    for (let i = 0; i < 6; i++) statusar.push((await api(FRAMLING, `fel-${i}`)).status);
    expect(statusar.slice(0, 5)).toEqual(Array(5).fill(401));
    expect(statusar[5]).toBe(429);
    expect((await api(FRAMLING, 'rut')).status).toBe(429);
    expect((await api(ANVANDARE, 'rut')).status).toBe(200);

    // The login page, the way a browser logs in: its form cookie and token, then the user's password.
    const loggaIn = async (fran: string, losenord: string): Promise<number> => {
      const sida = await anrop(`${stack().uiUrl}/inloggning`, fran);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(sida.body)?.[1] ?? '';
      const svar = await anrop(`${stack().uiUrl}/inloggning`, fran, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: sida.cookies.join('; ') },
        body: new URLSearchParams({ anvandare: 'rut', losenord, _csrf: csrf, till: '/arenden' }).toString(),
      });
      return svar.status;
    };
    expect(await loggaIn(FRAMLING, 'rut')).toBe(429);
    expect(await loggaIn(ANVANDARE, 'rut')).toBe(303);
  });
});
