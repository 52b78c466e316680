import { DateTime } from 'luxon';
import { stack } from './engine.ts';

/** Calls to the Bokvar UI as a system client (HTTP Basic) or anonymously. */
export function basic(user: string, password = user): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

export async function ui(
  method: string,
  path: string,
  options: { user?: string; password?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
): Promise<{ status: number; type: string; body: any; headers: Headers }> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...(options.user ? basic(options.user, options.password) : {}),
    ...options.headers,
  };
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  if (body !== undefined) headers['Content-Type'] ??= 'application/json';
  const response = await fetch(stack().uiUrl + path, { method, headers, body, redirect: 'manual' });
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  let parsed: unknown = text;
  if (type.includes('json')) parsed = JSON.parse(text);
  return { status: response.status, type, body: parsed, headers: response.headers };
}

let serial = 0;
/** A notice whose content is unique to this run (a different description), so idempotency does not join tests. */
export function underrattelse(over: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    mottagen: DateTime.now().setZone('Europe/Stockholm').startOf('second').toISO({ suppressMilliseconds: true }),
    kalla: 'hyresvard',
    orsak: 'obetald-hyra',
    hyresgast: { personnummer: '197001011233', namn: 'Bertil Ödman' },
    adress: { gatuadress: 'Björkvägen 2', postnummer: '41502', ort: 'Göteborg', lagenhetsnummer: '1002' },
    hyresvard: { namn: 'Bostadsbolaget AB', kontaktperson: 'Karin Ek', epost: 'karin@bostadsbolaget.example' },
    uppsagning: { delgivningsdatum: DateTime.now().setZone('Europe/Stockholm').minus({ days: 2 }).toISODate(), hyresskuld: 12500 },
    beskrivning: `Test ${Date.now()}-${serial}`,
    ...over,
  };
}

export function kronofogdeMeddelande(over: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    mottagen: DateTime.now().setZone('Europe/Stockholm').startOf('second').toISO({ suppressMilliseconds: true }),
    malnummer: `KFM-${Date.now()}-${serial}`,
    avhysningsdatum: vardag(21),
    hyresgast: { personnummer: '197001011233', namn: 'Bertil Ödman' },
    adress: { gatuadress: 'Björkvägen 2', postnummer: '41502', ort: 'Göteborg', lagenhetsnummer: '1002' },
    hyresvard: { namn: 'Bostadsbolaget AB' },
    ...over,
  };
}

/** A weekday some days ahead (evictions are not on weekends). */
export function vardag(dagar: number): string {
  let d = DateTime.now().setZone('Europe/Stockholm').plus({ days: dagar });
  while (d.weekday > 5) d = d.plus({ days: 1 });
  return d.toISODate()!;
}

/**
 * A browser session as the login page gives it: the session cookie and the
 * page's CSRF token (for POSTs from the session).
 */
export async function loggaIn(user: string, password = user): Promise<{ cookie: string; csrf: string }> {
  const form = await fetch(`${stack().uiUrl}/inloggning`);
  const loginCookie = form.headers.get('set-cookie')!.split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const login = await fetch(`${stack().uiUrl}/inloggning`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: loginCookie },
    body: new URLSearchParams({ anvandare: user, losenord: password, till: '/arenden', _csrf: token }),
    redirect: 'manual',
  });
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('bokvar_session='))
    ?.split(';')[0];
  if (!cookie) throw new Error(`login as ${user} failed: ${login.status}`);
  const sida = await fetch(`${stack().uiUrl}/oversikt`, { headers: { Cookie: cookie } });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(await sida.text())?.[1];
  if (!csrf) throw new Error(`no CSRF token for ${user}`);
  return { cookie, csrf };
}
