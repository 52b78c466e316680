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
  const headers: Record<string, string> = { Accept: 'application/json', ...(options.user ? basic(options.user, options.password) : {}), ...options.headers };
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
