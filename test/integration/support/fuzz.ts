import http from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { faltMedStyrtecken } from '../../../ui/api/intag.ts';
import { handelseSchema, kronofogdeMeddelandeSchema, underrattelseSchema } from '../../../ui/intake/schemas.ts';
import { franFormular } from '../../../ui/views/sidor/formular.ts';
import { basic, kronofogdeMeddelande, underrattelse, vardag } from './ui.ts';

/**
 * The fuzz test's requests (test/integration/fuzz-intag.test.ts): generators
 * that start from valid bodies and mutate body and transport, the sending over
 * node:http (fetch refuses some of the headers), and the judgement of each answer.
 */

/** Valid notices start real cases; few, so the engine is not flooded. */
export const MAX_GILTIGA_MEDDELANDEN = 120;
export const MAX_GILTIGA_FORMULAR = 30;
export const MAX_GILTIGA_HANDELSER = 60;
const GRUNDVARIANTER = 40;
const TIDSGRANS_MS = 120_000;

export type Mal = 'underrattelser' | 'kronofogden-meddelanden' | 'handelser' | 'registrera';

export interface Begaran {
  nr: number;
  mal: Mal;
  art: string;
  sokvag: string;
  headers: Record<string, string>;
  kropp?: Buffer;
  /** Sent twice in a row (a duplicate), both answers counted. */
  tvaGanger: boolean;
  /** What the schemas say of the body, when the transport is clean: the oracle. */
  forvantan: 'giltig' | 'ogiltig' | 'okand';
}

export interface Svar {
  begaran: Begaran;
  status: number;
  typ: string;
  text: string;
  location?: string;
  fel?: string;
}

// ---------------------------------------------------------------- strange values

const KONSTIGA_STRANGAR = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\r\n',
  '\t',
  '\u2028\u2029',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\u202eBertil\u202c',
  'مرحبا',
  'שלום עולם',
  'e\u0301\u0301\u0301\u0301',
  'Z\u0351\u0352\u0353\u0354\u0355',
  '𝕭𝖔𝖐𝖛𝖆𝖗',
  '👩‍👩‍👧‍👦',
  '\ud800',
  '\udfff',
  'Åsa Öberg-Ärlig',
  "O'Brien; DROP TABLE arenden;--",
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '%00',
  '%E0%A4%A',
  '../../etc/passwd',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  '1e400',
  'NaN',
  'Infinity',
  '12500',
  '12 500,50',
  '0x1F',
];
const KONSTIGA_DATUM = [
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '2026-02-30',
  '2026-02-29',
  '2028-02-29',
  '2026-13-01',
  '2026-00-10',
  '2026-1-1',
  '1900-01-01',
  '1999-12-31',
  '2000-01-01',
  '2099-01-01',
  '+275760-09-13',
  '-000001-01-01',
  '2026-11-20T09:30:00Z',
  '20261120',
  '2026-W47-5',
  '2026-324',
  '2026-11-20T09:30:00+01:00',
  '2026-11-20T09:30:00+14:00',
  '2026-11-20T09:30:00-12:00',
  '2026-11-20T09:30:00+23:59',
  '2026-11-20T09:30:00+99:99',
  '2026-11-20T24:00:00+01:00',
  '2026-11-20T09:30:60+01:00',
  '2026-06-30T23:59:60Z',
  '2026-11-20T09:30:00.123456789012345+01:00',
  '2026-11-20T09:30:00',
  '2026-11-20 09:30:00+01:00',
  '2026-11-20T09:30+01:00',
  '2026-11-20T09:30:00+0100',
  '2026-11-20T09:30:00+01',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59+14:00',
  '2026-03-29T02:30:00+01:00',
];
const KANDA_NYCKLAR = [
  'mottagen',
  'kalla',
  'orsak',
  'hyresgast',
  'personnummer',
  'namn',
  'adress',
  'gatuadress',
  'postnummer',
  'ort',
  'typ',
  'malnummer',
  'avhysningsdatum',
  '__proto__',
  'constructor',
  'prototype',
  '',
  '\u0000',
  'ä',
];

const DJUP = '__fuzz_djup__';
/** A marker for deep nesting, written out as brackets when serialised (JSON.stringify itself would overflow). */
const djup = (n: number, slag: 'array' | 'objekt') => ({ [DJUP]: n, slag });

const konstigtVarde: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...KONSTIGA_STRANGAR), weight: 6 },
  { arbitrary: fc.constantFrom(...KONSTIGA_DATUM), weight: 5 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.integer(), weight: 2 },
  { arbitrary: fc.double(), weight: 2 },
  { arbitrary: fc.constantFrom(null, true, false, 0, -0, 1e308, -1, Number.MAX_SAFE_INTEGER + 2), weight: 2 },
  {
    arbitrary: fc
      .record({ tecken: fc.constantFrom('a', 'å', '𝕭', '\u0000', ' ', '9'), langd: fc.integer({ min: 201, max: 100_000 }) })
      .map(({ tecken, langd }) => tecken.repeat(Math.ceil(langd / tecken.length))),
    weight: 2,
  },
  {
    arbitrary: fc
      .record({ n: fc.integer({ min: 2, max: 12_000 }), slag: fc.constantFrom('array' as const, 'objekt' as const) })
      .map(({ n, slag }) => djup(n, slag)),
    weight: 2,
  },
  { arbitrary: fc.array(fc.constantFrom<unknown>(1, 'a', null, {}), { maxLength: 5 }), weight: 1 },
  { arbitrary: fc.constantFrom<unknown>({}, [], [[]], { a: { b: { c: {} } } }), weight: 1 },
  { arbitrary: fc.integer({ min: 21, max: 60 }).map((n) => Array.from({ length: n }, () => ({ namn: 'Barn', alder: 5 }))), weight: 1 },
);

interface Mutation {
  art: 'radera' | 'ersatt' | 'lagg-till' | 'andra-strang' | 'typbyte';
  plats: number;
  varde: unknown;
  nyckel: string;
  position: number;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  art: fc.constantFrom('radera', 'ersatt', 'lagg-till', 'andra-strang', 'typbyte'),
  plats: fc.nat(),
  varde: konstigtVarde,
  nyckel: fc.oneof(fc.constantFrom(...KANDA_NYCKLAR), fc.string({ maxLength: 10 })),
  position: fc.nat(),
});

/** Every place in a JSON value (the root excluded), as the path to it. */
function platser(v: unknown, sokvag: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [];
  const barn = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return barn.flatMap((k) => [[...sokvag, k], ...platser((v as Record<string | number, unknown>)[k], [...sokvag, k])]);
}

function muterat(original: unknown, mutationer: Mutation[]): unknown {
  const v = structuredClone(original) as Record<string, unknown>;
  for (const m of mutationer) {
    const alla = platser(v);
    if (alla.length === 0) break;
    const sokvag = alla[m.plats % alla.length]!;
    const foralder = sokvag.slice(0, -1).reduce<any>((o, k) => o[k], v);
    const sista = sokvag[sokvag.length - 1]!;
    const nu = foralder[sista];
    switch (m.art) {
      case 'radera':
        if (Array.isArray(foralder)) foralder.splice(Number(sista), 1);
        else delete foralder[sista];
        break;
      case 'ersatt':
        foralder[sista] = m.varde;
        break;
      case 'lagg-till':
        if (nu && typeof nu === 'object' && !Array.isArray(nu))
          Object.defineProperty(nu, m.nyckel, { value: m.varde, enumerable: true, configurable: true, writable: true });
        else foralder[sista] = m.varde;
        break;
      case 'andra-strang': {
        const s = typeof nu === 'string' ? nu : String(nu);
        const insats = typeof m.varde === 'string' ? m.varde.slice(0, 300) : '\u0000';
        const p = m.position % (s.length + 1);
        foralder[sista] = s.slice(0, p) + insats + s.slice(p);
        break;
      }
      case 'typbyte':
        // The same content with another type: numbers as strings, strings as numbers, objects as arrays.
        foralder[sista] =
          typeof nu === 'number'
            ? String(nu)
            : typeof nu === 'string'
              ? Number.isNaN(Number(nu))
                ? [nu]
                : Number(nu)
              : Array.isArray(nu)
                ? { ...nu }
                : nu && typeof nu === 'object'
                  ? Object.values(nu)
                  : String(nu);
        break;
    }
  }
  return v;
}

/** JSON with the deep-nesting markers written out as brackets (10,000 levels would overflow JSON.stringify). */
function json(v: unknown): string {
  return JSON.stringify(v).replace(/\{"__fuzz_djup__":(\d+),"slag":"(array|objekt)"\}/g, (_, n: string, slag: string) => {
    const antal = Number(n);
    return slag === 'array' ? '['.repeat(antal) + ']'.repeat(antal) : '{"a":'.repeat(antal) + '1' + '}'.repeat(antal);
  });
}

function harDjup(v: unknown): boolean {
  return JSON.stringify(v).includes(DJUP);
}

// ---------------------------------------------------------------- transport

interface Transport {
  art: string;
  /** The Content-Type header, or undefined for none. */
  typ?: string;
  kodning?: 'gzip' | 'deflate' | 'br' | 'trasig-gzip' | 'okand' | 'identity' | 'dubbel-gzip';
  trasig?:
    'avkortad' | 'skrap' | 'bom' | 'tom' | 'primitiv' | 'enkla-citat' | 'komma' | 'dubbla-nycklar' | 'xml' | 'multipart' | 'formular';
  position: number;
}

const REN_JSON: Transport = { art: 'json', typ: 'application/json', position: 0 };

const transport: fc.Arbitrary<Transport> = fc.oneof(
  { arbitrary: fc.constant(REN_JSON), weight: 30 },
  {
    arbitrary: fc.record({
      art: fc.constant('innehallstyp'),
      typ: fc.constantFrom(
        'application/json; charset=utf-8',
        'application/json; charset=UTF-8',
        'APPLICATION/JSON',
        'application/json;charset="utf-8"',
        'application/json; charset=iso-8859-1',
        'application/json; charset=utf-16',
        'application/json; charset=koi8-r',
        'application/json; charset=',
        'application/json; charset=x-okand',
        'application/json; boundary=x',
        'text/plain',
        'text/json',
        'application/x-www-form-urlencoded',
        'application/xml',
        'text/xml',
        'multipart/form-data; boundary=----fuzz',
        'application/merge-patch+json',
        'application/problem+json',
        'application/json-seq',
        'application/octet-stream',
        '*/*',
        'application/',
        'a/b;;;=;',
        'json',
      ),
      position: fc.nat(),
    }),
    weight: 14,
  },
  { arbitrary: fc.record({ art: fc.constant('ingen-innehallstyp'), position: fc.nat() }), weight: 3 },
  {
    arbitrary: fc.record({
      art: fc.constant('kodning'),
      typ: fc.constant('application/json'),
      kodning: fc.constantFrom(
        'gzip' as const,
        'deflate' as const,
        'br' as const,
        'trasig-gzip' as const,
        'okand' as const,
        'identity' as const,
        'dubbel-gzip' as const,
      ),
      position: fc.nat(),
    }),
    weight: 10,
  },
  {
    arbitrary: fc.record({
      art: fc.constant('trasig'),
      typ: fc.constant('application/json'),
      trasig: fc.constantFrom(
        'avkortad' as const,
        'skrap' as const,
        'bom' as const,
        'tom' as const,
        'primitiv' as const,
        'enkla-citat' as const,
        'komma' as const,
        'dubbla-nycklar' as const,
      ),
      position: fc.nat(),
    }),
    weight: 14,
  },
  {
    arbitrary: fc.record({
      art: fc.constant('annat-format'),
      typ: fc.constantFrom(
        'application/xml',
        'multipart/form-data; boundary=----fuzz',
        'application/x-www-form-urlencoded',
        'application/json',
      ),
      trasig: fc.constantFrom('xml' as const, 'multipart' as const, 'formular' as const),
      position: fc.nat(),
    }),
    weight: 5,
  },
);

function kodad(t: Transport, kropp: string): { kropp: Buffer; headers: Record<string, string> } {
  let text = kropp;
  switch (t.trasig) {
    case 'avkortad':
      text = kropp.slice(0, t.position % Math.max(kropp.length, 1));
      break;
    case 'skrap': {
      const p = t.position % (kropp.length + 1);
      text = kropp.slice(0, p) + ['}', '{', '"', ',', ':', '\\', '\u0000', 'x', ']'][t.position % 9] + kropp.slice(p);
      break;
    }
    case 'bom':
      text = '\ufeff' + kropp;
      break;
    case 'tom':
      text = '';
      break;
    case 'primitiv':
      text = ['null', '1', '"text"', 'true', '[]', '[{}]', 'NaN', '-', '{}'][t.position % 9]!;
      break;
    case 'enkla-citat':
      text = kropp.replace(/"/g, "'");
      break;
    case 'komma':
      text = kropp.replace(/}$/, ',}');
      break;
    case 'dubbla-nycklar':
      text = kropp.replace(/^\{/, '{"mottagen":"2026-02-30T09:00:00+01:00","typ":"okand",');
      break;
    case 'xml':
      text = `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "${'x'.repeat(50)}">]><underrattelse><mottagen>&x;</mottagen></underrattelse>`;
      break;
    case 'multipart':
      text = `------fuzz\r\nContent-Disposition: form-data; name="data"\r\nContent-Type: application/json\r\n\r\n${kropp}\r\n------fuzz--\r\n`;
      break;
    case 'formular':
      text = new URLSearchParams({ data: kropp, mottagen: '2026-11-20T09:30:00+01:00' }).toString();
      break;
  }
  const headers: Record<string, string> = {};
  if (t.typ !== undefined) headers['Content-Type'] = t.typ;
  let buf = Buffer.from(text, 'utf8');
  switch (t.kodning) {
    case 'gzip':
      buf = gzipSync(buf);
      headers['Content-Encoding'] = 'gzip';
      break;
    case 'deflate':
      buf = deflateSync(buf);
      headers['Content-Encoding'] = 'deflate';
      break;
    case 'br':
      buf = brotliCompressSync(buf);
      headers['Content-Encoding'] = 'br';
      break;
    case 'dubbel-gzip':
      buf = gzipSync(gzipSync(buf));
      headers['Content-Encoding'] = 'gzip, gzip';
      break;
    case 'trasig-gzip':
      headers['Content-Encoding'] = 'gzip';
      break;
    case 'okand':
      headers['Content-Encoding'] = ['x-fuzz', 'compress', 'zstd', 'GZIP', 'gzip;q=1', ''][t.position % 6]!;
      break;
    case 'identity':
      headers['Content-Encoding'] = 'identity';
      break;
  }
  return { kropp: buf, headers };
}

const renTransport = (t: Transport) =>
  t === REN_JSON ||
  (t.art === 'kodning' && ['gzip', 'deflate', 'identity'].includes(t.kodning!)) ||
  (t.art === 'innehallstyp' && /^application\/json(;\s*charset="?utf-8"?)?$/i.test(t.typ!));

// ---------------------------------------------------------------- paths

const SKRAPNUMMER = [
  '%',
  '%00',
  '%E0%A4%A',
  '%zz',
  '%C0%AF',
  '%ED%A0%80',
  '%FF',
  '%2F',
  '..%2F..%2Fetc%2Fpasswd',
  '%20',
  '%0A',
  '%7F',
  'BV-2026-000001',
  'BV-0000-000000',
  'BV-9999-999999999999',
  'null',
  'undefined',
  '-1',
  '0',
  "'%20OR%201=1--",
  '%F0%9D%95%AD',
  '%E2%80%AE',
  'BV-2026-00000%31',
];

const skrapnummer: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SKRAPNUMMER), weight: 6 },
  {
    arbitrary: fc
      .string({ unit: 'binary', minLength: 1, maxLength: 30 })
      .map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, 'x'))),
    weight: 3,
  },
  { arbitrary: fc.integer({ min: 100, max: 20_000 }).map((n) => 'A'.repeat(n)), weight: 1 },
  { arbitrary: fc.integer({ min: 50, max: 3000 }).map((n) => '%'.repeat(n)), weight: 1 },
);

// ---------------------------------------------------------------- the requests

export interface Grund {
  kronofogden: string[];
  hotOmAvhysning: string[];
  session: { cookie: string; csrf: string };
  tagg: string;
  mottagen: string;
}

function underrattelseGrund(g: Grund, variant: number): Record<string, unknown> {
  return underrattelse({
    mottagen: g.mottagen,
    beskrivning: `Fuzz ${g.tagg} ${variant}`,
    ...(variant % 3 === 0 ? { barn: [{ alder: 4 }] } : {}),
  });
}

function kronofogdenGrund(g: Grund, variant: number): Record<string, unknown> {
  return kronofogdeMeddelande({
    mottagen: g.mottagen,
    malnummer: `FUZZ-${g.tagg}-${variant}`,
    avhysningsdatum: vardag(21 + (variant % 10)),
  });
}

function handelseGrund(g: Grund, variant: number): Record<string, unknown> {
  switch (variant % 5) {
    case 0:
      return { typ: 'anstand-beviljat', nyttAvhysningsdatum: vardag(40 + (variant % 7)), beslutsdatum: DateTime.now().toISODate() };
    case 1:
      return { typ: 'nycklar-aterlamnade' };
    case 2:
      return { typ: 'avhysning-installd', orsak: 'Skulden betald' };
    case 3:
      return { typ: 'delgivning-registrerad', delgivningsdatum: DateTime.now().minus({ days: 3 }).toISODate() };
    default:
      return { typ: 'rattat-meddelande', mottagen: g.mottagen, brist: `Fel belopp ${variant}` };
  }
}

/** The paper form's fields, named by the API's paths as the form names them. */
function formularfalt(u: Record<string, unknown>): Record<string, unknown> {
  const falt: Record<string, unknown> = {};
  const platta = (v: unknown, prefix: string) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) platta(x, prefix ? `${prefix}.${k}` : k);
    else falt[prefix] = v;
  };
  const { barn, mottagen, ...rest } = u as { barn?: unknown[]; mottagen: string };
  platta(rest, '');
  falt.mottagen = DateTime.fromISO(mottagen).setZone('Europe/Stockholm').toFormat("yyyy-MM-dd'T'HH:mm");
  if (barn) falt.barn = String(barn.length);
  return falt;
}

const formularTransport = fc.oneof(
  { arbitrary: fc.constant('formular'), weight: 20 },
  { arbitrary: fc.constant('formular-dubbla-falt'), weight: 4 },
  { arbitrary: fc.constant('formular-manga-falt'), weight: 1 },
  { arbitrary: fc.constant('json'), weight: 3 },
  { arbitrary: fc.constant('ingen-kropp'), weight: 2 },
  { arbitrary: fc.constant('text'), weight: 1 },
  { arbitrary: fc.constant('multipart'), weight: 1 },
  { arbitrary: fc.constant('fel-csrf'), weight: 1 },
  { arbitrary: fc.constant('kodning'), weight: 2 },
);

export function begaranArb(_g: Grund) {
  return fc.record({
    mal: fc.constantFrom<Mal>('underrattelser', 'kronofogden-meddelanden', 'handelser', 'registrera'),
    variant: fc.integer({ min: 0, max: GRUNDVARIANTER - 1 }),
    mutationer: fc.oneof(
      { arbitrary: fc.constant([] as Mutation[]), weight: 1 },
      { arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }), weight: 9 },
    ),
    transport,
    formularTransport,
    arende: fc.oneof(
      { arbitrary: fc.nat().map((i) => ({ riktigt: i })), weight: 3 },
      { arbitrary: skrapnummer.map((s) => ({ skrap: s })), weight: 2 },
    ),
    session: fc.boolean(),
    tvaGanger: fc.oneof({ arbitrary: fc.constant(false), weight: 19 }, { arbitrary: fc.constant(true), weight: 1 }),
    accept: fc.constantFrom('application/json', '*/*', 'text/html', 'application/xml', undefined),
    skrapinloggning: fc.oneof({ arbitrary: fc.constant(undefined), weight: 49 }, { arbitrary: skrapinloggning, weight: 1 }),
  });
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/**
 * Credentials no one has: broken cookies and Basic headers. Never a real user's name, since
 * failed logins throttle that name (and would lock vera out of the rest of the run).
 */
const skrapinloggning: fc.Arbitrary<Record<string, string>> = fc.oneof(
  fc
    .constantFrom(
      'bokvar_session=%E0%A4%A',
      'bokvar_session=%',
      'bokvar_session=%00',
      'bokvar_session=',
      'bokvar_session=x; bokvar_session=y',
      '=; ;;=',
    )
    .map((Cookie) => ({ Cookie })),
  fc
    .constantFrom(
      'Basic',
      'Basic ',
      'Basic %%%',
      'Basic ====',
      'Bearer abc',
      'basic dmVyYTp2ZXJh',
      'Basic ' + b64('utan-kolon'),
      'Basic ' + b64(':tomt-namn'),
    )
    .map((Authorization) => ({ Authorization })),
  fc
    .tuple(
      fc.constantFrom('fuzz\u0000nul', 'fuzz-\u202e', 'fuzz-𝕭', 'fuzz-' + 'x'.repeat(300), 'fuzz-ok', "fuzz-'or'1'='1", 'fuzz-%00'),
      fc.constantFrom('fel', '', '\u0000', 'x'.repeat(1000)),
    )
    .map(([id, losenord]) => ({ Authorization: 'Basic ' + b64(`${id}:${losenord}`) })),
  fc.constant({ Authorization: 'Basic ' + b64(Buffer.from([0xff, 0xfe, 0x3a, 0xc3, 0x28])) }),
  fc.constant({}),
);

export class Generator {
  private giltigaMeddelanden = 0;
  private giltigaFormular = 0;
  private giltigaHandelser = 0;
  private nr = 0;
  constructor(private readonly g: Grund) {}

  /** Turns a generated recipe into a request; over the cap, a valid body is broken so the engine gets few new cases. */
  bygg(r: any): Begaran {
    this.nr += 1;
    const g = this.g;
    const mal = r.mal as Mal;
    if (mal === 'registrera') return this.formular(r);
    let kropp: unknown =
      mal === 'underrattelser'
        ? underrattelseGrund(g, r.variant)
        : mal === 'kronofogden-meddelanden'
          ? kronofogdenGrund(g, r.variant)
          : handelseGrund(g, r.variant);
    kropp = muterat(kropp, r.mutationer);
    const t = r.transport as Transport;
    const schema =
      mal === 'underrattelser' ? underrattelseSchema : mal === 'kronofogden-meddelanden' ? kronofogdeMeddelandeSchema : handelseSchema;
    let forvantan: Begaran['forvantan'] = 'okand';
    let text = harDjup(kropp) ? json(kropp) : JSON.stringify(kropp);
    const ren = renTransport(t) && !harDjup(kropp) && Buffer.byteLength(text) < 60_000;
    if (ren) {
      forvantan = faltMedStyrtecken(kropp).length === 0 && schema.safeParse(kropp).success ? 'giltig' : 'ogiltig';
    }
    // Wherever the transport lets a body through, a valid one counts against the cap.
    const kanGaIgenom = ren || t.art === 'innehallstyp' || t.art === 'kodning';
    if (kanGaIgenom && !harDjup(kropp) && faltMedStyrtecken(kropp).length === 0 && schema.safeParse(kropp).success) {
      const ar = mal === 'handelser' ? this.giltigaHandelser++ : this.giltigaMeddelanden++;
      if (ar >= (mal === 'handelser' ? MAX_GILTIGA_HANDELSER : MAX_GILTIGA_MEDDELANDEN)) {
        const k = kropp as Record<string, unknown>;
        if (mal === 'handelser') k.typ = 'okand-typ';
        else delete k.mottagen;
        text = JSON.stringify(k);
        if (ren) forvantan = 'ogiltig';
      }
    }
    const { kropp: buf, headers } = kodad(t, text);
    let sokvag = mal === 'handelser' ? '' : `/api/${mal}`;
    if (mal === 'handelser') {
      const a = r.arende as { riktigt?: number; skrap?: string };
      const riktiga = [...g.kronofogden, ...g.hotOmAvhysning];
      const nummer = a.skrap ?? riktiga[a.riktigt! % riktiga.length]!;
      sokvag = `/api/arenden/${nummer}/handelser`;
      // A garbage case number can never be a case: the body's validity says nothing then.
      if (a.skrap !== undefined && forvantan === 'giltig') forvantan = 'okand';
    }
    const auth = r.skrapinloggning ?? (r.session ? { Cookie: g.session.cookie, 'X-CSRF-Token': g.session.csrf } : basic('vera'));
    // Without credentials nothing may be taken in, however valid the body.
    if (r.skrapinloggning) forvantan = 'ogiltig';
    return {
      nr: this.nr,
      mal,
      art: `${r.skrapinloggning ? 'skrapinloggning:' : ''}${t.art}${t.kodning ? `:${t.kodning}` : ''}${t.trasig ? `:${t.trasig}` : ''}${r.mutationer.length ? `+${r.mutationer.map((m: Mutation) => m.art).join(',')}` : ''}`,
      sokvag,
      headers: { ...auth, ...headers, ...(r.accept ? { Accept: r.accept } : {}) },
      kropp: t.trasig === 'tom' && t.position % 2 === 0 ? undefined : buf,
      tvaGanger: r.tvaGanger,
      forvantan,
    };
  }

  private formular(r: any): Begaran {
    const g = this.g;
    let falt = formularfalt(underrattelseGrund(g, r.variant + 1000)) as Record<string, unknown>;
    // Form fields are strings; a mutation's value that is not one is sent as its JSON text.
    falt = muterat(
      falt,
      r.mutationer.filter((m: Mutation) => m.art !== 'typbyte'),
    ) as Record<string, unknown>;
    const strangar: Record<string, string> = {};
    for (const [k, v] of Object.entries(falt)) strangar[k] = typeof v === 'string' ? v : harDjup(v) ? json(v) : (JSON.stringify(v) ?? '');
    const forutsagtGiltig = (() => {
      try {
        return faltMedStyrtecken(strangar).length === 0 && underrattelseSchema.safeParse(franFormular(strangar)).success;
      } catch {
        return false;
      }
    })();
    const art = r.formularTransport as string;
    if (
      forutsagtGiltig &&
      ['formular', 'formular-dubbla-falt', 'kodning', 'json'].includes(art) &&
      this.giltigaFormular++ >= MAX_GILTIGA_FORMULAR
    ) {
      delete strangar['hyresgast.namn'];
    }
    const headers: Record<string, string> = { Cookie: g.session.cookie };
    let kropp: Buffer | undefined;
    const form = new URLSearchParams({ ...strangar, _csrf: g.session.csrf });
    switch (art) {
      case 'formular':
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
        kropp = Buffer.from(form.toString());
        break;
      case 'formular-dubbla-falt': {
        // The same field twice: the parser gives an array instead of a string.
        const namn = Object.keys(strangar)[r.variant % Object.keys(strangar).length] ?? 'kalla';
        form.append(namn, 'annan');
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
        kropp = Buffer.from(form.toString());
        break;
      }
      case 'formular-manga-falt':
        for (let i = 0; i < 1100 + (r.variant % 50); i++) form.append(`extra${i}`, 'x');
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
        kropp = Buffer.from(form.toString());
        break;
      case 'json':
        headers['Content-Type'] = 'application/json';
        headers['X-CSRF-Token'] = g.session.csrf;
        kropp = Buffer.from(JSON.stringify({ ...falt, ...(r.variant % 2 ? { barn: [1, 2], 'hyresgast.namn': { a: 1 } } : {}) }));
        break;
      case 'ingen-kropp':
        headers['X-CSRF-Token'] = g.session.csrf;
        break;
      case 'text':
        headers['Content-Type'] = 'text/plain';
        headers['X-CSRF-Token'] = g.session.csrf;
        kropp = Buffer.from(form.toString());
        break;
      case 'multipart':
        headers['Content-Type'] = 'multipart/form-data; boundary=----fuzz';
        headers['X-CSRF-Token'] = g.session.csrf;
        kropp = Buffer.from(`------fuzz\r\nContent-Disposition: form-data; name="kalla"\r\n\r\nhyresvard\r\n------fuzz--\r\n`);
        break;
      case 'fel-csrf':
        form.set('_csrf', 'fel');
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
        kropp = Buffer.from(form.toString());
        break;
      case 'kodning': {
        const k = kodad(
          {
            art: 'kodning',
            kodning: (['gzip', 'trasig-gzip', 'okand', 'deflate'] as const)[r.variant % 4],
            position: r.variant,
            typ: 'application/x-www-form-urlencoded',
          },
          form.toString(),
        );
        Object.assign(headers, k.headers);
        kropp = k.kropp;
        break;
      }
    }
    if (r.accept) headers.Accept = r.accept;
    return {
      nr: this.nr,
      mal: 'registrera',
      art: `${art}${r.mutationer.length ? `+${r.mutationer.map((m: Mutation) => m.art).join(',')}` : ''}`,
      sokvag: '/registrera',
      headers,
      kropp,
      tvaGanger: r.tvaGanger,
      forvantan: 'okand',
    };
  }
}

// ---------------------------------------------------------------- sending

export function skickare(uiUrl: string, samtidiga: number): { skicka: (b: Begaran) => Promise<Svar>; stang: () => void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: samtidiga });
  return { skicka: (b) => skicka(agent, uiUrl, b), stang: () => agent.destroy() };
}

function skicka(agent: http.Agent, uiUrl: string, b: Begaran): Promise<Svar> {
  const url = new URL(uiUrl);
  return new Promise((resolve) => {
    let klar = false;
    const svara = (s: Omit<Svar, 'begaran'>) => {
      if (!klar) {
        klar = true;
        resolve({ begaran: b, ...s });
      }
    };
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: b.sokvag,
        agent,
        headers: { ...b.headers, ...(b.kropp ? { 'Content-Length': String(b.kropp.length) } : {}) },
        timeout: TIDSGRANS_MS,
      },
      (res) => {
        const delar: Buffer[] = [];
        res.on('data', (d: Buffer) => delar.push(d));
        res.on('end', () =>
          svara({
            status: res.statusCode ?? 0,
            typ: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(delar).toString('utf8'),
            location: res.headers.location,
          }),
        );
        res.on('error', (e) => svara({ status: 0, typ: '', text: '', fel: e.message }));
      },
    );
    req.on('timeout', () => {
      req.destroy(new Error('tidsgräns'));
    });
    req.on('error', (e) => svara({ status: 0, typ: '', text: '', fel: e.message }));
    req.end(b.kropp);
  });
}

export async function iParallell<T, R>(saker: T[], antal: number, gor: (t: T) => Promise<R>): Promise<R[]> {
  const ut: R[] = new Array(saker.length);
  let nasta = 0;
  await Promise.all(
    Array.from({ length: antal }, async () => {
      while (nasta < saker.length) {
        const i = nasta++;
        ut[i] = await gor(saker[i]!);
      }
    }),
  );
  return ut;
}

// ---------------------------------------------------------------- judging

/** What is wrong with one answer, or undefined when it is as it must be. */
export function fel(s: Svar): string | undefined {
  const { begaran: b, status, typ, text } = s;
  if (s.fel) return `inget svar (${s.fel})`;
  if (status >= 500) return `${status}`;
  if (b.mal === 'registrera') {
    // The paper form is a page: success is 303 to the case, its validation errors are the form again (HTML).
    if (status === 303) return /^\/arenden\/BV-\d{4}-\d{6,}$/.test(s.location ?? '') ? undefined : `303 till ${s.location}`;
    if (status >= 400 && status < 500 && (typ.startsWith('text/html') || typ.startsWith('text/plain'))) return undefined;
  } else if (status >= 200 && status < 300) {
    if (b.forvantan === 'ogiltig') return `${status} för ett ogiltigt meddelande`;
    return undefined;
  }
  if (status < 400 || status >= 500) return `oväntad status ${status}`;
  if (!typ.startsWith('application/problem+json')) return `${status} med ${typ || 'ingen innehållstyp'}`;
  try {
    const p = JSON.parse(text) as { title?: unknown; status?: unknown };
    if (typeof p.title !== 'string' || p.title === '' || p.status !== status) return `${status}: problem utan title/status`;
  } catch {
    return `${status}: problem+json som inte är JSON`;
  }
  if (b.forvantan === 'giltig' && status !== 409) return `${status} för ett giltigt meddelande: ${text.slice(0, 200)}`;
  return undefined;
}

export function beskriv(s: Svar): string {
  const b = s.begaran;
  const kropp = b.kropp ? b.kropp.toString('utf8').slice(0, 300) : '(ingen kropp)';
  const headers = Object.fromEntries(Object.entries(b.headers).filter(([k]) => !['Authorization', 'Cookie', 'X-CSRF-Token'].includes(k)));
  return `#${b.nr} POST ${b.sokvag.slice(0, 120)} [${b.art}] ${JSON.stringify(headers)} ${JSON.stringify(kropp)} → ${s.status} ${s.typ} ${s.fel ?? s.text.slice(0, 300)}`;
}
