import { EngineRestError, EngineUnreachableError } from '../../../engine-rest/client.ts';
import { describe, expect, it } from 'vitest';
import { Inloggningsbegransning } from '../../../ui/auth/begransning.ts';
import { enheterForUnderrattelse } from '../../../domain/processer.ts';
import { kanLasaArende, kanRegistrera, type Anvandare } from '../../../ui/auth/roller.ts';
import { aktivaAktiviteter } from '../../../ui/arenden/arenden.ts';
import { fristerForUnderrattelse, kallreferens, variablerForUnderrattelse } from '../../../ui/intake/registrera.ts';
import { handelseSchema, kronofogdeMeddelandeSchema, underrattelseSchema } from '../../../ui/intake/schemas.ts';
import { faltMedStyrtecken } from '../../../ui/api/intag.ts';
import { otillganglig, zodFalt } from '../../../ui/api/problem.ts';
import { openapi } from '../../../ui/api/openapi.ts';
import { formularvarden, franFormular } from '../../../ui/views/sidor/formular.ts';
import { brevIndata } from '../../../workers/brev/indata.ts';

const giltig = {
  mottagen: '2026-11-20T09:30:00+01:00',
  kalla: 'hyresvard',
  orsak: 'obetald-hyra',
  hyresgast: { personnummer: '19700101-1233', namn: 'Bertil Ödman' },
  adress: { gatuadress: 'Björkvägen 2', postnummer: '415 02', ort: 'Göteborg', lagenhetsnummer: '1002' },
  hyresvard: { namn: 'Bostadsbolaget AB' },
  uppsagning: { delgivningsdatum: '2026-11-18', hyresskuld: 12500 },
};

const felFalt = (body: unknown) => {
  const r = underrattelseSchema.safeParse(body);
  return r.success ? [] : zodFalt(r.error).map((f) => f.falt);
};

describe('intake schemas', () => {
  it('accepts a valid notice and normalises personnummer and postnummer', () => {
    const r = underrattelseSchema.parse(giltig);
    expect(r.hyresgast.personnummer).toBe('197001011233');
    expect(r.adress.postnummer).toBe('41502');
  });

  it.each([
    ['bad checksum', { hyresgast: { personnummer: '197001011234', namn: 'X' } }, 'hyresgast.personnummer'],
    ['impossible date', { uppsagning: { delgivningsdatum: '2026-02-30' } }, 'uppsagning.delgivningsdatum'],
    ['no offset', { mottagen: '2026-11-20T09:30:00' }, 'mottagen'],
    ['unknown enum', { kalla: 'grannen' }, 'kalla'],
    ['wrong type', { uppsagning: { delgivningsdatum: '2026-11-18', hyresskuld: '12500' } }, 'uppsagning.hyresskuld'],
    ['unknown field', { extra: 1 }, '(hela meddelandet)'],
    ['future reception', { mottagen: '2999-01-01T00:00:00+01:00' }, 'mottagen'],
    [
      'landlord postcode',
      { hyresvardAdress: { gatuadress: 'Förvaltargatan 5', postnummer: '4110', ort: 'Göteborg' } },
      'hyresvardAdress.postnummer',
    ],
    ['landlord address without town', { hyresvardAdress: { gatuadress: 'Förvaltargatan 5', postnummer: '41106' } }, 'hyresvardAdress.ort'],
    ['landlord address as text', { hyresvardAdress: 'Förvaltargatan 5, 411 06 Göteborg' }, 'hyresvardAdress'],
  ])('rejects %s', (_name, over, falt) => {
    expect(felFalt({ ...giltig, ...over })).toContain(falt);
  });

  it("takes the landlord's postal address as an option, normalised like the tenant's", () => {
    expect(underrattelseSchema.parse(giltig).hyresvardAdress).toBeUndefined();
    const r = underrattelseSchema.parse({
      ...giltig,
      hyresvardAdress: { gatuadress: ' Förvaltargatan 5 ', postnummer: '411 06', ort: 'Göteborg' },
    });
    expect(r.hyresvardAdress).toEqual({ gatuadress: 'Förvaltargatan 5', postnummer: '41106', ort: 'Göteborg' });
    // a postal address has no flat number
    expect(felFalt({ ...giltig, hyresvardAdress: { ...r.hyresvardAdress, lagenhetsnummer: '1002' } })).toEqual([]);
    expect(
      underrattelseSchema.parse({ ...giltig, hyresvardAdress: { ...r.hyresvardAdress, lagenhetsnummer: '1002' } }).hyresvardAdress,
    ).not.toHaveProperty('lagenhetsnummer');
  });

  it('lists every missing field', () => {
    expect(felFalt({})).toEqual(expect.arrayContaining(['mottagen', 'kalla', 'orsak', 'hyresgast', 'adress', 'hyresvard']));
  });

  it('events: anstand-beviljat needs a real date', () => {
    expect(handelseSchema.safeParse({ typ: 'anstand-beviljat', nyttAvhysningsdatum: '2026-12-01' }).success).toBe(true);
    expect(handelseSchema.safeParse({ typ: 'anstand-beviljat' }).success).toBe(false);
    expect(handelseSchema.safeParse({ typ: 'okand' }).success).toBe(false);
  });
});

describe('registration', () => {
  it('the source reference ignores key order and differs on content', () => {
    const a = underrattelseSchema.parse(giltig);
    const b = underrattelseSchema.parse({
      ...giltig,
      adress: { ort: 'Göteborg', lagenhetsnummer: '1002', postnummer: '41502', gatuadress: 'Björkvägen 2' },
    });
    expect(kallreferens('underrattelse', a)).toBe(kallreferens('underrattelse', b));
    expect(kallreferens('underrattelse', a)).not.toBe(kallreferens('underrattelse', { ...a, orsak: 'storningar' }));
  });

  it('computes the deadlines the worker computes', () => {
    const f = fristerForUnderrattelse(underrattelseSchema.parse(giltig));
    expect(f.atervinningsfrist).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(f.forhandsbedomningPaminnelse).toMatch(/T/);
    expect(f.forhandsbedomningEskalering! > f.forhandsbedomningPaminnelse!).toBe(true);
    const utan = fristerForUnderrattelse(underrattelseSchema.parse({ ...giltig, uppsagning: undefined }));
    expect(utan.atervinningsfrist).toBeUndefined();
  });

  it('maps to the process variables, null for absent facts', () => {
    const v = variablerForUnderrattelse(underrattelseSchema.parse({ ...giltig, uppsagning: undefined, barn: [{ alder: 4 }] }));
    expect(v).toMatchObject({
      delgivningsdatum: null,
      hyresskuld: null,
      barnEnligtAnmalan: true,
      barnEnligtAnmalanAntal: 1,
      beskrivning: null,
    });
    // absent, not null: Tasklist would send the form's address with a Null variable's type, which the engine refuses
    expect(v).not.toHaveProperty('hyresvardAdress');
  });

  it("hands the landlord's postal address to the process as the variable the brev worker reads", () => {
    const adress = { gatuadress: 'Förvaltargatan 5', postnummer: '411 06', ort: 'Göteborg' };
    const v = variablerForUnderrattelse(underrattelseSchema.parse({ ...giltig, hyresvardAdress: adress }));
    const indata = brevIndata.pick({ hyresvardAdress: true }).parse(v);
    expect(indata.hyresvardAdress).toEqual({ gatuadress: 'Förvaltargatan 5', postnummer: '41106', ort: 'Göteborg' });
  });

  it('the paper form maps onto the API schema', () => {
    const body = franFormular({
      mottagen: '2026-11-20T09:30',
      kalla: 'hyresvard',
      orsak: 'obetald-hyra',
      'hyresgast.personnummer': '197001011233',
      'hyresgast.namn': 'B',
      'adress.gatuadress': 'G 1',
      'adress.postnummer': '41502',
      'adress.ort': 'Göteborg',
      'hyresvard.namn': 'H',
      barn: '2',
      'uppsagning.hyresskuld': '1 200,50',
      'uppsagning.delgivningsdatum': '2026-11-18',
    });
    const r = underrattelseSchema.parse(body);
    expect(r.mottagen).toBe('2026-11-20T09:30:00+01:00');
    expect(r.barn).toHaveLength(2);
    expect(r.uppsagning?.hyresskuld).toBe(1200.5);
    expect(r.hyresvardAdress).toBeUndefined();
  });

  it("the paper form takes the landlord's postal address, and asks for the rest once a part is filled in", () => {
    const falt = {
      mottagen: '2026-11-20T09:30',
      kalla: 'hyresvard',
      orsak: 'obetald-hyra',
      'hyresgast.personnummer': '197001011233',
      'hyresgast.namn': 'B',
      'adress.gatuadress': 'G 1',
      'adress.postnummer': '41502',
      'adress.ort': 'Göteborg',
      'hyresvard.namn': 'H',
    };
    const hel = {
      'hyresvardAdress.gatuadress': 'Förvaltargatan 5',
      'hyresvardAdress.postnummer': '411 06',
      'hyresvardAdress.ort': 'Göteborg',
    };
    expect(underrattelseSchema.parse(franFormular({ ...falt, ...hel })).hyresvardAdress).toEqual({
      gatuadress: 'Förvaltargatan 5',
      postnummer: '41106',
      ort: 'Göteborg',
    });
    expect(felFalt(franFormular({ ...falt, 'hyresvardAdress.gatuadress': 'Förvaltargatan 5' }))).toEqual([
      'hyresvardAdress.postnummer',
      'hyresvardAdress.ort',
    ]);
  });
});

describe('roles', () => {
  const a = (grupper: string[]): Anvandare => ({ id: 'x', grupper, via: 'basic' });
  it('caseworkers write and read their units; revisor reads all; others nothing', () => {
    const enheter = enheterForUnderrattelse('storningar', false);
    expect(kanRegistrera(a(['vuxenenheten']))).toBe(true);
    expect(kanRegistrera(a(['revisor']))).toBe(false);
    expect(kanLasaArende(a(['vuxenenheten']), enheter)).toBe(true);
    expect(kanLasaArende(a(['barn-och-unga']), enheter)).toBe(false);
    expect(kanLasaArende(a(['barn-och-unga']), enheter, true)).toBe(true);
    expect(kanLasaArende(a(['ekonomiskt-bistand']), enheter)).toBe(false);
    expect(kanLasaArende(a(['ekonomiskt-bistand']), enheterForUnderrattelse('obetald-hyra', false))).toBe(true);
    expect(kanLasaArende(a(['revisor']), [])).toBe(true);
    expect(kanLasaArende(a(['processagare']), enheter)).toBe(false);
  });

  it('login throttling blocks a user from one source after five failures; the same user from another source still gets in', () => {
    const b = new Inloggningsbegransning(5, 1000, 8);
    for (let i = 0; i < 5; i++) b.misslyckad('u', '10.0.0.66', 0);
    expect(b.sparrad('u', '10.0.0.66', 10)).toBe(true);
    expect(b.sparrad('u', '10.0.0.7', 10)).toBe(false);
    expect(b.sparrad('u', '10.0.0.66', 2000)).toBe(false);
    b.misslyckad('v', '10.0.0.7', 0);
    b.lyckad('v', '10.0.0.7');
    expect(b.sparrad('v', '10.0.0.7', 1)).toBe(false);
  });

  it('a source failing across many user names is throttled as a whole, others are not', () => {
    const b = new Inloggningsbegransning(5, 1000, 8);
    for (let i = 0; i < 8; i++) b.misslyckad(`anvandare${i}`, '10.0.0.66', 0);
    expect(b.sparrad('vera', '10.0.0.66', 10)).toBe(true);
    expect(b.sparrad('vera', '10.0.0.7', 10)).toBe(false);
  });
});

describe('viewer helpers', () => {
  it('finds active leaves and transition instances, strips multi-instance bodies', () => {
    const tree = {
      id: 'pi',
      activityId: 'p',
      activityName: null,
      activityType: 'processDefinition',
      processInstanceId: 'pi',
      childTransitionInstances: [{ activityId: 'Async', activityName: 'Async', activityType: 'serviceTask' }],
      childActivityInstances: [
        {
          id: 'a',
          activityId: 'Task#multiInstanceBody',
          activityName: 'T',
          activityType: 'multiInstanceBody',
          processInstanceId: 'pi',
          childTransitionInstances: [],
          childActivityInstances: [
            {
              id: 'b',
              activityId: 'Task',
              activityName: 'T',
              activityType: 'userTask',
              processInstanceId: 'pi',
              childActivityInstances: [],
              childTransitionInstances: [],
            },
            {
              id: 'c',
              activityId: 'Task',
              activityName: 'T',
              activityType: 'userTask',
              processInstanceId: 'pi',
              childActivityInstances: [],
              childTransitionInstances: [],
            },
          ],
        },
      ],
    };
    expect(aktivaAktiviteter(tree).map((x) => x.id)).toEqual(['Async', 'Task', 'Task']);
  });

  it('the OpenAPI document holds the request schemas', () => {
    const doc = openapi() as { openapi: string; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.schemas.Underrattelse?.properties ?? {})).toEqual(
      expect.arrayContaining(['mottagen', 'kalla', 'orsak', 'hyresgast', 'adress', 'hyresvard', 'hyresvardAdress', 'uppsagning', 'barn']),
    );
    const hyresvardAdress = doc.components.schemas.Underrattelse?.properties?.hyresvardAdress as {
      description?: string;
      properties?: Record<string, unknown>;
    };
    expect(Object.keys(hyresvardAdress.properties ?? {})).toEqual(['gatuadress', 'postnummer', 'ort']);
    expect(hyresvardAdress.description).toMatch(/rekommenderat brev/);
  });
});

describe('the door: sane dates, no control characters', () => {
  it('refuses dates outside year 2000 to five years ahead, naming the field', () => {
    expect(felFalt({ ...giltig, mottagen: '1900-01-01T09:00:00+01:00' })).toContain('mottagen');
    expect(felFalt({ ...giltig, uppsagning: { delgivningsdatum: '0001-01-01' } })).toContain('uppsagning.delgivningsdatum');
    expect(felFalt({ ...giltig, uppsagning: { delgivningsdatum: '1999-12-31' } })).toContain('uppsagning.delgivningsdatum');
    const kf = kronofogdeMeddelandeSchema.safeParse({
      mottagen: '2026-11-20T09:30:00+01:00',
      malnummer: 'KFM-1',
      avhysningsdatum: '9999-12-31',
      hyresgast: giltig.hyresgast,
      adress: giltig.adress,
    });
    expect(kf.success ? [] : zodFalt(kf.error).map((f) => f.falt)).toContain('avhysningsdatum');
    expect(handelseSchema.safeParse({ typ: 'anstand-beviljat', nyttAvhysningsdatum: '0000-01-01' }).success).toBe(false);
    expect(felFalt(giltig)).toEqual([]);
  });

  it('names every field that holds a control character; line breaks and tabs pass', () => {
    expect(faltMedStyrtecken({ hyresgast: { namn: 'Bertil\u0000' }, malnummer: 'K\u0007', beskrivning: 'rad 1\nrad 2\tslut' })).toEqual([
      'hyresgast.namn',
      'malnummer',
    ]);
    expect(faltMedStyrtecken({ barn: [{ alder: 4 }, { namn: '\u001b[31m' }] })).toEqual(['barn.1.namn']);
    expect(faltMedStyrtecken({ 'nyckel\u0000': 'x' })).toEqual(['nyckel\u0000']);
    expect(faltMedStyrtecken('\u0000')).toEqual(['(hela meddelandet)']);
    expect(faltMedStyrtecken(giltig)).toEqual([]);
    expect(faltMedStyrtecken({ a: '\u0000', 'b\u0000': 'x', c: ['\u0001'] })).toEqual(['a', 'b\u0000', 'c.0']);
  });

  it('walks a body nested 100,000 levels deep without overflowing the stack (fuzz: was a 500)', () => {
    const n = 100_000;
    const djupt = JSON.parse(`{"hyresgast":${'['.repeat(n)}"\\u0000"${']'.repeat(n)}}`) as unknown;
    const falt = faltMedStyrtecken(djupt);
    expect(falt).toHaveLength(1);
    expect(falt[0]!.split('.')).toHaveLength(n + 1);
    expect(faltMedStyrtecken(JSON.parse(`{"a":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`))).toEqual([]);
  });

  it('the paper form takes text fields only: a field sent twice, a non-text value or no form is a field error (fuzz: was a 500)', () => {
    expect(formularvarden({ kalla: 'hyresvard', orsak: ['annat', 'storningar'], barn: 3 })).toEqual({
      varden: { kalla: 'hyresvard' },
      fel: [
        { falt: 'orsak', fel: 'fältet finns flera gånger' },
        { falt: 'barn', fel: 'ska vara text' },
      ],
    });
    for (const ingen of [undefined, null, 'text', [1]])
      expect(formularvarden(ingen).fel.map((f) => f.falt)).toEqual(['(hela meddelandet)']);
    expect(formularvarden({ kalla: 'hyresvard' })).toEqual({ varden: { kalla: 'hyresvard' }, fel: [] });
  });
});

describe('an unavailable engine or database is 503, whatever the request', () => {
  it('tells which part is away, and nothing else counts as away', () => {
    const natfel = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const ejFram = new EngineUnreachableError('POST', '/message', natfel);
    expect(ejFram.reached).toBe(false);
    expect(otillganglig(ejFram)).toBe('motorn');
    const avbruten = new EngineUnreachableError(
      'POST',
      '/message',
      new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }),
    );
    expect(avbruten.reached).toBe(true);
    expect(otillganglig(new EngineRestError('GET', '/task', 503, undefined, 'Service Unavailable'))).toBe('motorn');
    expect(
      otillganglig(
        new EngineRestError('POST', '/message', 500, 'ProcessEngineException', 'Could not open JDBC Connection for transaction'),
      ),
    ).toBe('motorn');
    expect(otillganglig(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(
      'databasen',
    );
    expect(otillganglig(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'))).toBe('databasen');
    expect(otillganglig(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' }))).toBe('databasen');
    expect(otillganglig(new EngineRestError('POST', '/message', 500, 'NullPointerException', 'boom'))).toBeUndefined();
    expect(otillganglig(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeUndefined();
    expect(otillganglig(new Error('something else'))).toBeUndefined();
  });
});
