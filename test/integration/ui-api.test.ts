import net from 'node:net';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelInstance, engineAsAdmin, eventually, stack } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import { kronofogdeMeddelande, loggaIn, ui, underrattelse, vardag } from './support/ui.ts';

/**
 * The intake and case API of the Bokvar UI on the real stack: every endpoint,
 * every validation rule, idempotency, the read log and the role matrix.
 * Wrong-password tests use users no other test logs in with.
 */
let db: Knex;

beforeAll(async () => {
  db = knex({ client: 'pg', connection: stack().databaseUrl });
  await importScenarioPeople(stack().databaseUrl);
});
afterAll(async () => {
  await db.destroy();
});

const antalArenden = async () => Number((await db('arenden').count<{ count: string }[]>('* as count'))[0]!.count);

describe('authentication', () => {
  it.each([
    ['POST', '/api/underrattelser'],
    ['POST', '/api/kronofogden-meddelanden'],
    ['POST', '/api/arenden/BV-2026-000001/handelser'],
    ['GET', '/api/arenden'],
    ['GET', '/api/arenden/BV-2026-000001'],
    ['GET', '/api/arenden/BV-2026-000001/diagram'],
    ['GET', '/api/brev/00000000-0000-4000-8000-000000000000'],
    ['GET', '/api/oversikt'],
    ['GET', '/api/openapi.json'],
  ])('%s %s refuses anonymous requests with 401 problem+json', async (method, url) => {
    const r = await ui(method, url, method === 'POST' ? { body: {} } : {});
    expect(r.status).toBe(401);
    expect(r.type).toContain('application/problem+json');
    expect(r.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('refuses a wrong password', async () => {
    const r = await ui('GET', '/api/arenden', { user: 'okand-anvandare', password: 'fel' });
    expect(r.status).toBe(401);
  });

  it('pages send anonymous visitors to the login page', async () => {
    const r = await ui('GET', '/arenden');
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toMatch(/^\/inloggning/);
  });

  it('sets security headers', async () => {
    const r = await ui('GET', '/inloggning');
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('POST /api/underrattelser', () => {
  it('starts a case and answers 201 with the case number, instance and deadlines', async () => {
    const r = await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse() });
    expect(r.status).toBe(201);
    expect(r.body.arendenummer).toMatch(/^BV-\d{4}-\d{6}$/);
    expect(r.body.frister.atervinningsfrist).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.body.frister.forhandsbedomningPaminnelse).toMatch(/T.*[+-]\d{2}:\d{2}$/);
    expect(r.body.frister.forhandsbedomningEskalering).toMatch(/T/);
    const [instans] = await engineAsAdmin().get<{ id: string; businessKey: string }[]>('/process-instance', {
      businessKey: r.body.arendenummer,
      processDefinitionKey: 'hot-om-avhysning',
    });
    expect(instans?.id).toBe(r.body.processInstanceId);
    // the answer equals what the process computes
    const senast = await eventually('the reminder deadline', async () => {
      const [v] = await engineAsAdmin().get<{ value: string }[]>('/history/variable-instance', {
        processInstanceId: r.body.processInstanceId,
        variableName: 'forhandsbedomningPaminnelseSenast',
      });
      return v?.value;
    });
    expect(new Date(senast).getTime()).toBe(new Date(r.body.frister.forhandsbedomningPaminnelse).getTime());
  });

  it('a notice sent twice starts one case', async () => {
    const notice = underrattelse();
    const first = await ui('POST', '/api/underrattelser', { user: 'vera', body: notice });
    const second = await ui('POST', '/api/underrattelser', { user: 'stina', body: notice });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(
      await engineAsAdmin().get<unknown[]>('/process-instance', {
        businessKey: first.body.arendenummer,
        processDefinitionKey: 'hot-om-avhysning',
      }),
    ).toHaveLength(1);
  });

  it('without uppsägning has no återvinningsfrist; children set barnEnligtAnmalan', async () => {
    const r = await ui('POST', '/api/underrattelser', {
      user: 'vera',
      body: underrattelse({ uppsagning: undefined, orsak: 'storningar', barn: [{ alder: 7 }] }),
    });
    expect(r.status).toBe(201);
    expect(r.body.frister.atervinningsfrist).toBeUndefined();
    const [v] = await engineAsAdmin().get<{ value: boolean }[]>('/history/variable-instance', {
      processInstanceId: r.body.processInstanceId,
      variableName: 'barnEnligtAnmalan',
    });
    expect(v?.value).toBe(true);
  });

  it.each([
    ['bad personnummer checksum', { hyresgast: { personnummer: '197001011234', namn: 'Bertil Ödman' } }, 'hyresgast.personnummer'],
    ['personnummer with impossible date', { hyresgast: { personnummer: '197002301239', namn: 'Bertil Ödman' } }, 'hyresgast.personnummer'],
    ['impossible delgivningsdatum', { uppsagning: { delgivningsdatum: '2026-02-30' } }, 'uppsagning.delgivningsdatum'],
    ['mottagen without offset', { mottagen: '2026-11-20T09:30:00' }, 'mottagen'],
    ['mottagen in the future', { mottagen: '2999-01-01T00:00:00+01:00' }, 'mottagen'],
    ['unknown kalla', { kalla: 'grannen' }, 'kalla'],
    ['unknown orsak', { orsak: 'mogel' }, 'orsak'],
    ['missing hyresgast', { hyresgast: undefined }, 'hyresgast'],
    ['missing namn', { hyresgast: { personnummer: '197001011233' } }, 'hyresgast.namn'],
    ['bad postnummer', { adress: { gatuadress: 'G 1', postnummer: '4150', ort: 'Göteborg' } }, 'adress.postnummer'],
    [
      'bad lagenhetsnummer',
      { adress: { gatuadress: 'G 1', postnummer: '41502', ort: 'Göteborg', lagenhetsnummer: '12' } },
      'adress.lagenhetsnummer',
    ],
    ['bad e-mail', { hyresvard: { namn: 'H', epost: 'inte-en-adress' } }, 'hyresvard.epost'],
    ['hyresskuld as text', { uppsagning: { delgivningsdatum: '2026-11-01', hyresskuld: '100' } }, 'uppsagning.hyresskuld'],
    ['negative hyresskuld', { uppsagning: { delgivningsdatum: '2026-11-01', hyresskuld: -1 } }, 'uppsagning.hyresskuld'],
    ['barn not a list', { barn: 2 }, 'barn'],
    ['unknown field', { okant: true }, '(hela meddelandet)'],
  ])('400 problem+json for %s, naming the field, and starts nothing', async (_name, over, falt) => {
    const before = await antalArenden();
    const r = await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse(over) });
    expect(r.status).toBe(400);
    expect(r.type).toContain('application/problem+json');
    expect(r.body.falt.map((f: { falt: string }) => f.falt)).toContain(falt);
    expect(r.body.falt.every((f: { fel: string }) => f.fel.length > 0)).toBe(true);
    expect(await antalArenden()).toBe(before);
  });

  it('lists every missing field at once', async () => {
    const r = await ui('POST', '/api/underrattelser', { user: 'vera', body: {} });
    expect(r.status).toBe(400);
    expect(r.body.falt.map((f: { falt: string }) => f.falt)).toEqual(
      expect.arrayContaining(['mottagen', 'kalla', 'orsak', 'hyresgast', 'adress', 'hyresvard']),
    );
  });

  it('refuses malformed JSON, oversized bodies and other content types', async () => {
    const trasig = await ui('POST', '/api/underrattelser', { user: 'vera', raw: '{"mottagen": ' });
    expect(trasig.status).toBe(400);
    expect(trasig.type).toContain('application/problem+json');
    const stor = await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse({ beskrivning: 'x'.repeat(70_000) }) });
    expect(stor.status).toBe(400);
    expect(stor.type).toContain('application/problem+json');
    const text = await ui('POST', '/api/underrattelser', { user: 'vera', raw: 'hej', headers: { 'Content-Type': 'text/plain' } });
    expect(text.status).toBe(415);
  });

  it('revisor may not register (403)', async () => {
    const before = await antalArenden();
    const r = await ui('POST', '/api/underrattelser', { user: 'rut', body: underrattelse() });
    expect(r.status).toBe(403);
    expect(r.type).toContain('application/problem+json');
    expect(await antalArenden()).toBe(before);
  });
});

describe('POST /api/kronofogden-meddelanden', () => {
  it('starts the Kronofogden case with the confirmation deadline and the eviction date', async () => {
    const body = kronofogdeMeddelande();
    const r = await ui('POST', '/api/kronofogden-meddelanden', { user: 'eva', body });
    expect(r.status).toBe(201);
    expect(r.body.frister.avhysningsdatum).toBe(body.avhysningsdatum);
    expect(r.body.frister.bekraftelseSenast).toMatch(/T00:00:00[+-]\d{2}:00$/);
    const [instans] = await engineAsAdmin().get<{ id: string }[]>('/process-instance', {
      businessKey: r.body.arendenummer,
      processDefinitionKey: 'kronofogden-avhysning',
    });
    expect(instans?.id).toBe(r.body.processInstanceId);
    const again = await ui('POST', '/api/kronofogden-meddelanden', { user: 'eva', body });
    expect(again.status).toBe(200);
    expect(again.body.arendenummer).toBe(r.body.arendenummer);
  });

  it.each([
    ['missing malnummer', { malnummer: undefined }, 'malnummer'],
    ['impossible avhysningsdatum', { avhysningsdatum: '2026-13-01' }, 'avhysningsdatum'],
    ['bad personnummer', { hyresgast: { personnummer: '19700101123', namn: 'B' } }, 'hyresgast.personnummer'],
  ])('400 for %s', async (_name, over, falt) => {
    const r = await ui('POST', '/api/kronofogden-meddelanden', { user: 'vera', body: kronofogdeMeddelande(over) });
    expect(r.status).toBe(400);
    expect(r.body.falt.map((f: { falt: string }) => f.falt)).toContain(falt);
  });
});

describe('linking through the intake', () => {
  it('sets the list variables, and a Kronofogden notice for the same tenant reaches the open case', async () => {
    // given: Fia Fors (no other test uses her) has an open notice case
    const fia = {
      hyresgast: { personnummer: '199001014563', namn: 'Fia Fors' },
      adress: { gatuadress: 'Forsgatan 6', postnummer: '41318', ort: 'Göteborg', lagenhetsnummer: '1101' },
    };
    const r = await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse(fia) });
    expect(r.status).toBe(201);
    const vars = await engineAsAdmin().get<Record<string, { value: unknown }>>(`/process-instance/${r.body.processInstanceId}/variables`);
    expect(vars.arendenummer?.value).toBe(r.body.arendenummer);
    expect(vars.hyresgastInitialer?.value).toBe('F.F.');
    expect(vars.hyresgastPersonnummer?.value).toBe('199001014563');
    expect(vars.nastaFrist?.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // when: Kronofogden announces an eviction for her
    const k = await ui('POST', '/api/kronofogden-meddelanden', { user: 'vera', body: kronofogdeMeddelande(fia) });
    expect(k.status).toBe(201);

    // then: the open case's caseworker gets the task
    await eventually('the announcement task in the open case', () =>
      engineAsAdmin().get<unknown[]>('/task', {
        processInstanceBusinessKey: r.body.arendenummer,
        taskDefinitionKey: 'KronofogdenHarMeddelatAvhysning',
      }),
    );
  });
});

describe('POST /api/arenden/{nr}/handelser', () => {
  it('takes anstånd for a running Kronofogden case (202); 409 for a hot-om-avhysning case and for an ended case', async () => {
    const start = await ui('POST', '/api/kronofogden-meddelanden', { user: 'vera', body: kronofogdeMeddelande() });
    expect(start.status).toBe(201);
    const nr = start.body.arendenummer as string;
    const r = await ui('POST', `/api/arenden/${nr}/handelser`, {
      user: 'vera',
      body: { typ: 'anstand-beviljat', nyttAvhysningsdatum: vardag(35), beslutsdatum: vardag(0) },
    });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ arendenummer: nr, typ: 'anstand-beviljat' });
    const [v] = await eventually(
      'the new date',
      async () =>
        // the history's variable query has no business-key filter: ask by this case's instance
        await engineAsAdmin().get<{ value: string }[]>('/history/variable-instance', {
          processInstanceId: start.body.processInstanceId,
          variableName: 'nyttAvhysningsdatum',
        }),
    );
    expect(v!.value).toBe(vardag(35));
    await eventually('the case view shows the new day', async () =>
      (await ui('GET', `/api/arenden/${nr}`, { user: 'vera' })).body.avhysningsdatum === vardag(35) ? true : undefined,
    );

    // a hot-om-avhysning case cannot take Kronofogden's messages
    const hot = await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse() });
    const fel = await ui('POST', `/api/arenden/${hot.body.arendenummer}/handelser`, { user: 'vera', body: { typ: 'nycklar-aterlamnade' } });
    expect(fel.status).toBe(409);
    expect(fel.type).toContain('application/problem+json');
    expect(fel.body.detail).toContain('inte ett ärende om avhysning från Kronofogden');

    // an ended case: 409, and nothing is correlated
    await cancelInstance(start.body.processInstanceId);
    const slut = await ui('POST', `/api/arenden/${nr}/handelser`, {
      user: 'vera',
      body: { typ: 'avhysning-installd', orsak: 'skulden betald' },
    });
    expect(slut.status).toBe(409);
    expect(slut.body.title).toBe('Ärendet är avslutat');
  });

  it('404 for an unknown case, 400 for an invalid event, 403 for revisor', async () => {
    expect((await ui('POST', '/api/arenden/BV-2000-999999/handelser', { user: 'vera', body: { typ: 'avhysning-installd' } })).status).toBe(
      404,
    );
    const ogiltig = await ui('POST', '/api/arenden/BV-2000-999999/handelser', {
      user: 'vera',
      body: { typ: 'anstand-beviljat', nyttAvhysningsdatum: '2026-02-31' },
    });
    expect(ogiltig.status).toBe(400);
    expect(ogiltig.body.falt.map((f: { falt: string }) => f.falt)).toContain('nyttAvhysningsdatum');
    const beslut = await ui('POST', '/api/arenden/BV-2000-999999/handelser', {
      user: 'vera',
      body: { typ: 'anstand-beviljat', nyttAvhysningsdatum: vardag(35), beslutsdatum: 'igår' },
    });
    expect(beslut.status).toBe(400);
    expect(beslut.body.falt.map((f: { falt: string }) => f.falt)).toContain('beslutsdatum');
    expect((await ui('POST', '/api/arenden/BV-2000-999999/handelser', { user: 'vera', body: { typ: 'okand' } })).status).toBe(400);
    expect(
      (await ui('POST', '/api/arenden/BV-2000-999999/handelser', { user: 'vera', body: { typ: 'nycklar-aterlamnade', extra: 1 } })).status,
    ).toBe(400);
    expect((await ui('POST', '/api/arenden/BV-2000-999999/handelser', { user: 'rut', body: { typ: 'avhysning-installd' } })).status).toBe(
      403,
    );
  });
});

describe('reading cases: list, detail, diagram, letters, read log, roles', () => {
  let storning: { arendenummer: string; processInstanceId: string };
  let skuld: { arendenummer: string };
  let brevId: string;

  beforeAll(async () => {
    // Disturbances without children: vuxenenheten and samordnare only.
    storning = (
      await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse({ orsak: 'storningar', uppsagning: undefined }) })
    ).body;
    skuld = (await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse() })).body;
    brevId = '6f1c1a52-3a7e-4c1b-9a59-0d5f8c2b1e01';
    await db('brev').insert({
      id: brevId,
      arendenummer: storning.arendenummer,
      process_instance_id: storning.processInstanceId,
      external_task_id: 'test-ui',
      typ: 'informationsbrev',
      mottagare: 'hyresgast',
      kanal: 'post',
      mallversion: '1',
      sha256: 'a'.repeat(64),
      pdf: Buffer.from('%PDF-1.7\n%test\n'),
      skapad: new Date(),
    });
  });

  it('GET /api/arenden/{nr}: the case with its activities, deadlines and letters; the read is logged', async () => {
    const d = await eventually('the case with its task', async () => {
      const r = await ui('GET', `/api/arenden/${storning.arendenummer}?vy=arendevy`, { user: 'vera' });
      return r.body.aktiviteter?.some((a: { id: string }) => a.id === 'Aktualisera') ? r.body : undefined;
    });
    expect(d).toMatchObject({
      arendenummer: storning.arendenummer,
      processKey: 'hot-om-avhysning',
      status: 'pagaende',
      barnBerorda: false,
    });
    expect(d.aktiviteter).toContainEqual(expect.objectContaining({ id: 'Aktualisera', namn: expect.any(String) }));
    expect(d.frister.forhandsbedomningPaminnelse.senast).toMatch(/T/);
    expect(d.brev).toEqual([expect.objectContaining({ id: brevId, typ: 'informationsbrev', mottagare: 'hyresgast' })]);
    expect(d.relateradeArenden).toContain(skuld.arendenummer);
    const logg = await db('lasloggar').where({ arendenummer: storning.arendenummer, anvandare: 'vera', vy: 'arendevy' });
    expect(logg.length).toBeGreaterThan(0);
  });

  it('protected identity: the address is never shown', async () => {
    const med = await ui('GET', `/api/arenden/${skuld.arendenummer}`, { user: 'vera' });
    expect(med.body.adress).toMatchObject({ gatuadress: 'Björkvägen 2' });
    const pi = (await db('arenden').where({ arendenummer: skuld.arendenummer }).first()).process_instance_id;
    await engineAsAdmin().put(`/process-instance/${pi}/variables/skyddadIdentitet`, { value: true, type: 'Boolean' });
    const utan = await ui('GET', `/api/arenden/${skuld.arendenummer}`, { user: 'vera' });
    expect(utan.body.skyddadIdentitet).toBe(true);
    expect(utan.body.adress).toBeUndefined();
    expect(JSON.stringify(utan.body)).not.toContain('Björkvägen');
  });

  it('the read log is append-only', async () => {
    await expect(db('lasloggar').update({ anvandare: 'någon' })).rejects.toThrow(/ändras aldrig/);
    await expect(db('lasloggar').delete()).rejects.toThrow(/ändras aldrig/);
  });

  it('GET /api/arenden: open cases sorted by the next deadline, filterable', async () => {
    // The list reads the case index: wait until it holds every change made before now (the tasks seen above).
    const nu = Date.now();
    const r = await eventually('the case index to catch up', async () => {
      const svar = await ui('GET', '/api/arenden?max=500', { user: 'stina' });
      return svar.status !== 200 || Date.parse(svar.body.indexeradTid) > nu ? svar : undefined;
    });
    expect(r.status).toBe(200);
    const nummer = r.body.arenden.map((a: { arendenummer: string }) => a.arendenummer);
    expect(nummer).toContain(storning.arendenummer);
    const tider = r.body.arenden.map((a: { nastaFrist: string | null }) => a.nastaFrist ?? '9999');
    expect([...tider].sort()).toEqual(tider);
    const rad = r.body.arenden.find((a: { arendenummer: string }) => a.arendenummer === storning.arendenummer);
    expect(rad).toMatchObject({ barn: false, processKey: 'hot-om-avhysning' });
    expect(typeof rad.dagarKvar).toBe('number');
    const barn = await ui('GET', '/api/arenden?barn=true&max=500', { user: 'stina' });
    expect(barn.body.arenden.every((a: { barn: boolean }) => a.barn)).toBe(true);
    expect((await ui('GET', '/api/arenden?max=0', { user: 'stina' })).status).toBe(400);
  });

  it('role matrix: units see their cases, revisor all, others nothing', async () => {
    const nr = storning.arendenummer;
    // bosse (barn och unga): no children in this case
    expect((await ui('GET', `/api/arenden/${nr}`, { user: 'bosse' })).status).toBe(404);
    expect((await ui('GET', `/api/brev/${brevId}`, { user: 'bosse' })).status).toBe(404);
    const bosseLista = await ui('GET', '/api/arenden?max=500', { user: 'bosse' });
    expect(bosseLista.body.arenden.map((a: { arendenummer: string }) => a.arendenummer)).not.toContain(nr);
    // eva (ekonomiskt bistånd): the rent-debt case, not the disturbance case
    expect((await ui('GET', `/api/arenden/${nr}`, { user: 'eva' })).status).toBe(404);
    expect((await ui('GET', `/api/arenden/${skuld.arendenummer}`, { user: 'eva' })).status).toBe(200);
    // rut (revisor) reads everything
    expect((await ui('GET', `/api/arenden/${nr}`, { user: 'rut' })).status).toBe(200);
    expect((await ui('GET', `/api/brev/${brevId}`, { user: 'rut' })).status).toBe(200);
    // petra (process owner): the overview, no cases
    expect((await ui('GET', '/api/arenden', { user: 'petra' })).status).toBe(403);
    expect((await ui('GET', `/api/arenden/${nr}`, { user: 'petra' })).status).toBe(403);
    expect((await ui('GET', '/api/oversikt', { user: 'petra' })).status).toBe(200);
  });

  it('GET /api/brev/{id} returns the PDF and logs the read', async () => {
    const response = await fetch(`${stack().uiUrl}/api/brev/${brevId}`, {
      headers: { Authorization: `Basic ${Buffer.from('vera:vera').toString('base64')}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(await db('lasloggar').where({ arendenummer: storning.arendenummer, vy: 'brev', resurs: brevId })).not.toHaveLength(0);
    expect((await ui('GET', '/api/brev/inte-ett-id', { user: 'vera' })).status).toBe(404);
  });

  it('GET /api/arenden/{nr}/diagram: the diagram with active and completed activities', async () => {
    const r = await ui('GET', `/api/arenden/${storning.arendenummer}/diagram`, { user: 'vera' });
    expect(r.status).toBe(200);
    expect(r.body.xml).toContain('hot-om-avhysning');
    // the main process waits in the call activity; the task is in the called instance
    expect(r.body.aktiva.KontaktOchUtredning).toBe(1);
    expect(r.body.avslutade.length).toBeGreaterThan(0);
    const anropad = r.body.anropade.find((a: { aktivitet: string }) => a.aktivitet === 'KontaktOchUtredning');
    const inner = await ui('GET', `/api/arenden/${storning.arendenummer}/diagram?instans=${anropad.processInstanceId}`, { user: 'vera' });
    expect(inner.body.processDefinitionKey).toBe('kontakt-och-utredning');
    expect(inner.body.aktiva.Aktualisera).toBe(1);
    expect(inner.body.overordnad).toBe(storning.processInstanceId);
    expect((await ui('GET', `/api/arenden/${storning.arendenummer}/diagram?instans=annan`, { user: 'vera' })).status).toBe(404);
  });

  it('GET /api/oversikt: open instances per activity', async () => {
    const r = await ui('GET', '/api/oversikt', { user: 'rut' });
    const hot = r.body.find((p: { key: string }) => p.key === 'hot-om-avhysning');
    expect(hot.instanser).toBeGreaterThan(0);
    expect(hot.aktiviteter.KontaktOchUtredning.instanser).toBeGreaterThan(0);
    const kontakt = r.body.find((p: { key: string }) => p.key === 'kontakt-och-utredning');
    expect(kontakt.aktiviteter.Aktualisera.instanser).toBeGreaterThan(0);
  });

  it('GET /api/openapi.json: generated from the validating schemas', async () => {
    const r = await ui('GET', '/api/openapi.json', { user: 'rut' });
    expect(r.body.openapi).toBe('3.1.0');
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/underrattelser',
        '/api/kronofogden-meddelanden',
        '/api/arenden/{arendenummer}/handelser',
        '/api/brev/{id}',
      ]),
    );
    expect(r.body.components.schemas.Underrattelse.properties.kalla.enum).toContain('storningsjour');
  });
});

describe('browser sessions', () => {
  /** The login form with its double-submit token, as a browser gets it. */
  async function loginForm(): Promise<{ cookie: string; token: string }> {
    const r = await fetch(`${stack().uiUrl}/inloggning`);
    const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await r.text())![1]!;
    return { cookie, token };
  }

  async function postLogin(user: string, password: string, form?: { cookie: string; token: string }): Promise<Response> {
    const { cookie, token } = form ?? (await loginForm());
    return fetch(`${stack().uiUrl}/inloggning`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams({ anvandare: user, losenord: password, till: '/arenden', _csrf: token }),
      redirect: 'manual',
    });
  }

  async function logIn(user: string, password = user): Promise<{ status: number; cookie?: string }> {
    const r = await postLogin(user, password);
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('bokvar_session='));
    return { status: r.status, cookie: cookie?.split(';')[0] };
  }

  it('login needs the form token (login CSRF)', async () => {
    const { cookie } = await loginForm();
    const r = await postLogin('stina', 'stina', { cookie, token: 'fel' });
    expect(r.status).toBe(403);
    expect(r.headers.getSetCookie().some((c) => c.startsWith('bokvar_session='))).toBe(false);
  });

  it('logs in with the engine user; the cookie is HttpOnly and SameSite=Strict; unsafe requests need the CSRF token', async () => {
    const login = await postLogin('stina', 'stina');
    expect(login.status).toBe(303);
    const session = login.headers.getSetCookie().find((c) => c.startsWith('bokvar_session='))!;
    expect(session).toMatch(/HttpOnly; SameSite=Strict/);
    const cookie = session.split(';')[0]!;
    expect((await ui('GET', '/api/arenden', { headers: { Cookie: cookie } })).status).toBe(200);
    const utan = await ui('POST', '/api/underrattelser', { headers: { Cookie: cookie }, body: underrattelse() });
    expect(utan.status).toBe(403);
    const sida = await ui('GET', '/registrera', { headers: { Cookie: cookie, Accept: 'text/html' } });
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(sida.body as string)?.[1];
    expect(csrf).toBeTruthy();
    const med = await ui('POST', '/api/underrattelser', { headers: { Cookie: cookie, 'X-CSRF-Token': csrf! }, body: underrattelse() });
    expect(med.status).toBe(201);
    // the table holds only a hash of the token
    expect(await db('sessioner').where({ id: cookie.split('=')[1] })).toHaveLength(0);
    // logging out ends the session
    await fetch(`${stack().uiUrl}/utloggning`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf! }),
      redirect: 'manual',
    });
    expect((await ui('GET', '/api/arenden', { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('a wrong password is refused, and repeated failures are throttled', async () => {
    const first = await logIn('okand-ui-test', 'fel');
    expect(first.status).toBe(401);
    expect(first.cookie).toBeUndefined();
    for (let i = 0; i < 5; i++) await logIn('okand-ui-test', 'fel');
    expect((await logIn('okand-ui-test', 'fel')).status).toBe(429);
  });
});

describe("a request the body parser or the router cannot read is the caller's error (4xx problem+json), never 500", () => {
  const post = (path: string, headers: Record<string, string>, body: BodyInit) =>
    fetch(`${stack().uiUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('vera:vera').toString('base64')}`, Accept: 'application/json', ...headers },
      body,
    });
  const arendenFore = async () => Number((await db('arenden').count<{ count: string }[]>('* as count'))[0]!.count);

  it.each([
    ['an unsupported charset', { 'Content-Type': 'application/json; charset=iso-8859-1' }, '{}', 415],
    ['an unknown Content-Encoding', { 'Content-Type': 'application/json', 'Content-Encoding': 'br-x' }, '{}', 415],
    ['a broken gzip body', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, 'inte gzip', 400],
  ] as const)('%s → %i', async (_namn, headers, body, status) => {
    const fore = await arendenFore();
    const r = await post('/api/underrattelser', headers, body);
    expect(r.status).toBe(status);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(await arendenFore()).toBe(fore);
  });

  it('a form with more than 1000 fields → 413', async () => {
    const falt = new URLSearchParams(Array.from({ length: 1200 }, (_, i) => [`f${i}`, 'x']));
    const r = await post('/registrera', { 'Content-Type': 'application/x-www-form-urlencoded' }, falt.toString());
    expect(r.status).toBe(413);
  });

  it('a session cookie with a broken percent escape is no login (fuzz: was a 500): the API 401 problem+json, a page the login page', async () => {
    const post = (path: string) =>
      fetch(`${stack().uiUrl}${path}`, {
        method: 'POST',
        headers: { Cookie: 'bokvar_session=%E0%A4%A', 'Content-Type': 'application/json' },
        body: '{}',
        redirect: 'manual',
      });
    const api = await post('/api/underrattelser');
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    const sida = await post('/registrera');
    expect(sida.status).toBe(303);
    expect(sida.headers.get('location')).toMatch(/^\/inloggning/);
  });

  it.each([
    ['a 20 kB path', `POST /api/arenden/${'A'.repeat(20_000)}/handelser HTTP/1.1\r\nHost: bokvar\r\nContent-Length: 2\r\n\r\n{}`, 431],
    ['a Content-Length that is not a number', 'POST /api/underrattelser HTTP/1.1\r\nHost: bokvar\r\nContent-Length: abc\r\n\r\n{}', 400],
  ])('%s, refused by Node before express, is %i problem+json too (fuzz: was a bare status line)', async (_namn, begaran, status) => {
    const url = new URL(stack().uiUrl);
    const svar = await new Promise<string>((resolve, reject) => {
      const s = net.connect(Number(url.port), url.hostname, () => s.write(begaran));
      let d = '';
      s.on('data', (x) => (d += x));
      s.on('close', () => resolve(d));
      s.on('error', reject);
    });
    const [huvud, kropp] = svar.split('\r\n\r\n');
    expect(huvud).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(huvud).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(kropp!)).toMatchObject({ status, title: expect.any(String) });
  });

  it.each([
    ['a malformed % escape', '/api/arenden/BV-%E0%A4%A/handelser'],
    ['a NUL in the case number', '/api/arenden/%00/handelser'],
    ['a control character', '/api/arenden/BV-2026-%0A000001'],
  ])('%s in the path → 400', async (_namn, path) => {
    const r = await post(path, { 'Content-Type': 'application/json' }, JSON.stringify({ typ: 'avhysning-installd' }));
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('bodies found by the fuzz test (test/integration/fuzz-intag.test.ts) are refused field by field, not with 500', () => {
  it.each([
    ['10,000 levels of arrays', '/api/underrattelser', `{"hyresgast":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
    ['10,000 levels of objects', '/api/kronofogden-meddelanden', `{"adress":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`],
    ['10,000 levels in an event', '/api/arenden/BV-2026-000001/handelser', `{"typ":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
  ])('a body nested %s → 400 problem+json', async (_namn, path, raw) => {
    const fore = await antalArenden();
    const r = await ui('POST', path, { user: 'vera', raw });
    expect(r.status).toBe(400);
    expect(r.type).toContain('application/problem+json');
    expect(await antalArenden()).toBe(fore);
  });

  const registrera = async (headers: Record<string, string>, body?: string) => {
    const session = await loggaIn('vera');
    const r = await fetch(`${stack().uiUrl}/registrera`, {
      method: 'POST',
      headers: { Cookie: session.cookie, 'X-CSRF-Token': session.csrf, ...headers },
      body,
      redirect: 'manual',
    });
    return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
  };

  it.each([
    [
      'a field sent twice',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      'kalla=hyresvard&kalla=annan&orsak=annat',
      'fältet finns flera gånger',
    ],
    ['JSON with a number', { 'Content-Type': 'application/json' }, JSON.stringify({ kalla: 5, orsak: 'annat' }), 'ska vara text'],
    ['no body', {}, undefined, 'formuläret saknas'],
  ])('the paper form with %s → 400, the form again with the error', async (_namn, headers, body, fel) => {
    const fore = await antalArenden();
    const r = await registrera(headers, body);
    expect(r.status).toBe(400);
    expect(r.type).toContain('text/html');
    expect(r.text).toContain(fel);
    expect(await antalArenden()).toBe(fore);
  });
});

describe('the door refuses what the engine or the calendar would choke on, field by field', () => {
  const arenden = async () => Number((await db('arenden').count<{ count: string }[]>('* as count'))[0]!.count);

  it.each([
    [
      'a NUL in the name',
      '/api/underrattelser',
      () => underrattelse({ hyresgast: { personnummer: '197001011233', namn: 'Bertil\u0000Ödman' } }),
      'hyresgast.namn',
    ],
    [
      'a NUL in the address',
      '/api/underrattelser',
      () => underrattelse({ adress: { gatuadress: 'Björkvägen\u00002', postnummer: '41502', ort: 'Göteborg' } }),
      'adress.gatuadress',
    ],
    ['a NUL in målnummer', '/api/kronofogden-meddelanden', () => kronofogdeMeddelande({ malnummer: 'KFM\u0000-1' }), 'malnummer'],
    [
      'an eviction in 9999',
      '/api/kronofogden-meddelanden',
      () => kronofogdeMeddelande({ avhysningsdatum: '9999-12-31' }),
      'avhysningsdatum',
    ],
    [
      'an eviction in year 0',
      '/api/kronofogden-meddelanden',
      () => kronofogdeMeddelande({ avhysningsdatum: '0000-01-01' }),
      'avhysningsdatum',
    ],
    ['a notice received in 1900', '/api/underrattelser', () => underrattelse({ mottagen: '1900-01-01T09:00:00+01:00' }), 'mottagen'],
  ] as const)('%s → 400 naming the field, and no case', async (_namn, path, body, falt) => {
    const fore = await arenden();
    const r = await ui('POST', path, { user: 'vera', body: body() });
    expect(r.status).toBe(400);
    expect(r.type).toContain('application/problem+json');
    expect(r.body.falt.map((f: { falt: string }) => f.falt)).toContain(falt);
    expect(await arenden()).toBe(fore);
  });
});
