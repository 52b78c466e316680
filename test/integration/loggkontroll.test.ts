import knex, { type Knex } from 'knex';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { population } from '../../ui/revision/loggkontroll/facts.ts';
import { draw } from '../../ui/revision/loggkontroll/stickprov.ts';
import { axeViolations, launchChromium } from './support/browser.ts';
import { stack } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import { loggaIn, ui, underrattelse } from './support/ui.ts';

/**
 * Loggkontroll on the real stack: the auditor filters the read log, pages and
 * exports it, and draws random samples that are recorded and can be redone
 * from their seed. Only revisor; reading the read log is not itself logged.
 */
let db: Knex;
let a: string;
let b: string;
const idag = DateTime.now().setZone('Europe/Stockholm').toISODate()!;
const imorgon = DateTime.now().setZone('Europe/Stockholm').plus({ days: 1 }).toISODate()!;

const las = async (user: string, nr: string, ganger: number) => {
  for (let i = 0; i < ganger; i++) expect((await ui('GET', `/api/arenden/${nr}`, { user })).status).toBe(200);
};

beforeAll(async () => {
  db = knex({ client: 'pg', connection: stack().databaseUrl });
  await importScenarioPeople(stack().databaseUrl);
  a = (await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse() })).body.arendenummer;
  b = (await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse() })).body.arendenummer;
  // given: vera reads A three times, rut once; stina reads B twice
  await las('vera', a, 3);
  await las('rut', a, 1);
  await las('stina', b, 2);
});
afterAll(async () => {
  await db.destroy();
});

const lasloggar = async () => Number((await db('lasloggar').count<{ count: string }[]>('* as count'))[0]!.count);

describe('who may review the read log', () => {
  it.each([
    ['GET', '/api/revision/lasloggar'],
    ['GET', '/api/revision/lasloggar/stickprov'],
    ['POST', '/api/revision/lasloggar/stickprov'],
  ])('%s %s: anonymous 401, caseworkers and process owners 403, revisor allowed', async (method, url) => {
    const body = method === 'POST' ? { antal: 1 } : undefined;
    expect((await ui(method, url, { body })).status).toBe(401);
    for (const user of ['vera', 'stina', 'bosse', 'petra']) {
      const r = await ui(method, url, { user, body });
      expect(r.status, user).toBe(403);
      expect(r.type).toContain('application/problem+json');
    }
    expect((await ui(method, url, { user: 'rut', body })).status).toBe(method === 'POST' ? 201 : 200);
  });

  it('the page: anonymous to the login page, caseworkers 403, revisor sees it', async () => {
    const anonym = await ui('GET', '/revision/loggkontroll');
    expect(anonym.status).toBe(303);
    expect(anonym.headers.get('location')).toMatch(/^\/inloggning/);
    const vera = await loggaIn('vera');
    expect((await ui('GET', '/revision/loggkontroll', { headers: { Cookie: vera.cookie } })).status).toBe(403);
    const rut = await loggaIn('rut');
    const sida = await ui('GET', '/revision/loggkontroll', { headers: { Cookie: rut.cookie } });
    expect(sida.status).toBe(200);
    expect(sida.body).toContain('<h1>Loggkontroll</h1>');
    expect(sida.body).toContain('aria-current="page">Loggkontroll');
  });
});

describe('GET /api/revision/lasloggar', () => {
  it('filters by case, user and period', async () => {
    const allaA = await ui('GET', `/api/revision/lasloggar?kanal=bokvar&arende=${a}`, { user: 'rut' });
    expect(allaA.body.totalt).toBe(4);
    expect(allaA.body.rader.map((r: { anvandare: string }) => r.anvandare).sort()).toEqual(['rut', 'vera', 'vera', 'vera']);
    expect(allaA.body.rader[0]).toMatchObject({
      arendenummer: a,
      vy: 'api',
      id: expect.stringMatching(/^\d+$/),
      tidpunkt: expect.stringMatching(/Z$/),
    });
    const veraA = await ui('GET', `/api/revision/lasloggar?kanal=bokvar&arende=${a}&anvandare=vera`, { user: 'rut' });
    expect(veraA.body.totalt).toBe(3);
    const stina = await ui('GET', `/api/revision/lasloggar?kanal=bokvar&anvandare=stina&arende=${b}`, { user: 'rut' });
    expect(stina.body.totalt).toBe(2);
    const idagA = await ui('GET', `/api/revision/lasloggar?kanal=bokvar&arende=${a}&fran=${idag}&till=${idag}`, { user: 'rut' });
    expect(idagA.body.totalt).toBe(4);
    const imorgonA = await ui('GET', `/api/revision/lasloggar?kanal=bokvar&arende=${a}&fran=${imorgon}`, { user: 'rut' });
    expect(imorgonA.body.totalt).toBe(0);
    const foreIdag = await ui('GET', `/api/revision/lasloggar?kanal=bokvar&arende=${a}&till=2026-01-01`, { user: 'rut' });
    expect(foreIdag.body.totalt).toBe(0);
  });

  it('pages, newest first', async () => {
    const forsta = await ui('GET', `/api/revision/lasloggar?kanal=bokvar&arende=${a}&max=2`, { user: 'rut' });
    const andra = await ui('GET', `/api/revision/lasloggar?kanal=bokvar&arende=${a}&max=2&forsta=2`, { user: 'rut' });
    expect(forsta.body).toMatchObject({ totalt: 4, forsta: 0, max: 2 });
    expect(forsta.body.rader).toHaveLength(2);
    expect(andra.body.rader).toHaveLength(2);
    const ids = [...forsta.body.rader, ...andra.body.rader].map((r: { id: string }) => Number(r.id));
    expect(new Set(ids).size).toBe(4);
    expect([...ids].sort((x, y) => y - x)).toEqual(ids);
  });

  it('reading the read log is not a case read: nothing is logged', async () => {
    const fore = await lasloggar();
    await ui('GET', `/api/revision/lasloggar?kanal=bokvar&arende=${a}`, { user: 'rut' });
    await ui('GET', `/api/revision/lasloggar?kanal=bokvar&arende=${a}&format=csv`, { user: 'rut' });
    expect(await lasloggar()).toBe(fore);
  });

  it.each([
    ['impossible date', 'fran=2026-02-30', 'fran'],
    ['not a date', 'till=igår', 'till'],
    ['till before fran', 'fran=2026-11-20&till=2026-11-01', 'till'],
    ['max 0', 'max=0', 'max'],
    ['max too large', 'max=5000', 'max'],
    ['negative forsta', 'forsta=-1', 'forsta'],
    ['unknown format', 'format=xml', 'format'],
    ['unknown parameter', 'sok=x', '(hela meddelandet)'],
    ['a parameter twice', 'anvandare=a&anvandare=b', 'anvandare'],
  ])('400 problem+json for %s, naming the field', async (_namn, fraga, falt) => {
    const r = await ui('GET', `/api/revision/lasloggar?${fraga}`, { user: 'rut' });
    expect(r.status).toBe(400);
    expect(r.type).toContain('application/problem+json');
    expect(r.body.falt.map((f: { falt: string }) => f.falt)).toContain(falt);
  });

  it('exports the filtered rows as CSV for Swedish Excel', async () => {
    const response = await fetch(`${stack().uiUrl}/api/revision/lasloggar?kanal=bokvar&arende=${a}&format=csv`, {
      headers: { Authorization: `Basic ${Buffer.from('rut:rut').toString('base64')}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="lasloggar.csv"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('Id;Tidpunkt;Användare;Kategori;Kanal;Ärendenummer;Vy;Resurs;Syfte');
    expect(lines).toHaveLength(5);
    expect(lines.slice(1).every((l) => l.split(';')[5] === a)).toBe(true);
    expect(lines[1]).toMatch(new RegExp(`^\\d+;${idag} \\d{2}:\\d{2}:\\d{2};vera;person;bokvar;`));
  });
});

describe('stickprov', () => {
  it('draws a uniformly random sample of the filtered rows, records it, and the draw can be redone from its seed', async () => {
    const r = await ui('POST', '/api/revision/lasloggar/stickprov', {
      user: 'rut',
      body: { filter: { arende: a, kanal: 'bokvar' }, antal: 2 },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`/api/revision/lasloggar/stickprov/${r.body.id}`);
    expect(r.body).toMatchObject({
      dragenAv: 'rut',
      filter: { arende: a, kanal: 'bokvar' },
      antal: 2,
      populationsstorlek: 4,
      seed: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(r.body.radIds).toHaveLength(2);
    expect(r.body.rader.map((x: { id: string }) => x.id)).toEqual(r.body.radIds);
    expect(r.body.rader.every((x: { arendenummer: string }) => x.arendenummer === a)).toBe(true);

    // stored, append-only
    const rad = await db('stickprov').where({ id: r.body.id }).first();
    expect(rad).toMatchObject({ dragen_av: 'rut', antal: 2, populationsstorlek: 4, seed: r.body.seed });
    expect(rad.rad_ids.map(String)).toEqual(r.body.radIds);
    await expect(db('stickprov').where({ id: r.body.id }).update({ seed: 'x' })).rejects.toThrow(/ändras aldrig/);
    await expect(db('stickprov').where({ id: r.body.id }).delete()).rejects.toThrow(/ändras aldrig/);

    // reproducible: the stored filter, population bound and seed give the same rows, even after more reads
    await las('vera', a, 1);
    const pop = await population(db, rad.filter, String(rad.hogsta_id));
    expect(pop).toHaveLength(4);
    expect(draw(pop, rad.antal, rad.seed)).toEqual(r.body.radIds);
  });

  it('asking for more than the population draws every row; an empty filter result draws none', async () => {
    const alla = await ui('POST', '/api/revision/lasloggar/stickprov', {
      user: 'rut',
      body: { filter: { arende: b, kanal: 'bokvar' }, antal: 50 },
    });
    expect(alla.status).toBe(201);
    expect(alla.body.radIds).toHaveLength(2);
    const inga = await ui('POST', '/api/revision/lasloggar/stickprov', {
      user: 'rut',
      body: { filter: { arende: 'BV-1999-000000' }, antal: 5 },
    });
    expect(inga.status).toBe(201);
    expect(inga.body).toMatchObject({ populationsstorlek: 0, radIds: [] });
  });

  it.each([
    ['antal 0', { antal: 0 }, 'antal'],
    ['antal as text', { antal: '3' }, 'antal'],
    ['antal missing', { filter: {} }, 'antal'],
    ['bad period', { antal: 1, filter: { fran: '2026-13-01' } }, 'filter.fran'],
    ['unknown filter field', { antal: 1, filter: { vy: 'api' } }, 'filter'],
  ])('400 for %s, and nothing is recorded', async (_namn, body, falt) => {
    const fore = Number((await db('stickprov').count<{ count: string }[]>('* as count'))[0]!.count);
    const r = await ui('POST', '/api/revision/lasloggar/stickprov', { user: 'rut', body });
    expect(r.status).toBe(400);
    expect(r.body.falt.map((f: { falt: string }) => f.falt)).toContain(falt);
    expect(Number((await db('stickprov').count<{ count: string }[]>('* as count'))[0]!.count)).toBe(fore);
  });

  it('lists the draws and exports them and their rows as CSV', async () => {
    const lista = await ui('GET', '/api/revision/lasloggar/stickprov', { user: 'rut' });
    expect(lista.body.length).toBeGreaterThanOrEqual(3);
    const senaste = lista.body.find((s: { filter: { arende?: string }; antal: number }) => s.filter.arende === a && s.antal === 2);
    const csv = await ui('GET', '/api/revision/lasloggar/stickprov?format=csv', { user: 'rut' });
    expect(csv.type).toContain('text/csv');
    // fetch's text() has already taken the byte order mark off
    const rader = (csv.body as string).split('\r\n');
    expect(rader[0]).toBe(
      'Stickprov;Tidpunkt;Dragen av;Filter användare;Filter ärende;Filter kanal;Filter kategori;Filter från;Filter till;Begärt antal;Populationsstorlek;Högsta rad-id;Seed;Dragna rader',
    );
    expect(
      rader.some((l) => l.startsWith(`${senaste.id};`) && l.includes(senaste.seed) && l.endsWith(`;${senaste.radIds.join(', ')}`)),
    ).toBe(true);
    const detalj = await ui('GET', `/api/revision/lasloggar/stickprov/${senaste.id}?format=csv`, { user: 'rut' });
    expect((detalj.body as string).split('\r\n').filter(Boolean)).toHaveLength(3);
    expect((await ui('GET', '/api/revision/lasloggar/stickprov/999999999', { user: 'rut' })).status).toBe(404);
    expect((await ui('GET', '/api/revision/lasloggar/stickprov/abc', { user: 'rut' })).status).toBe(404);
  });

  it('the page draws with the session CSRF token and shows the draw', async () => {
    const rut = await loggaIn('rut');
    const post = (body: Record<string, string>) =>
      fetch(`${stack().uiUrl}/revision/loggkontroll/stickprov`, {
        method: 'POST',
        headers: { Cookie: rut.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body),
        redirect: 'manual',
      });
    expect((await post({ arende: a, antal: '2' })).status).toBe(403);
    const fel = await post({ arende: a, antal: '0', _csrf: rut.csrf });
    expect(fel.status).toBe(400);
    expect(await fel.text()).toContain('aria-invalid="true"');
    const ok = await post({ arende: a, anvandare: '', fran: '', till: '', antal: '3', _csrf: rut.csrf });
    expect(ok.status).toBe(303);
    const plats = ok.headers.get('location')!;
    expect(plats).toMatch(/^\/revision\/loggkontroll\/stickprov\/\d+$/);
    const id = plats.split('/').pop()!;
    expect(await db('stickprov').where({ id }).first()).toMatchObject({ dragen_av: 'rut', antal: 3, filter: { arende: a } });
    const sida = await ui('GET', plats, { headers: { Cookie: rut.cookie } });
    expect(sida.body).toContain(`<h1>Stickprov ${id}</h1>`);
    expect((sida.body as string).match(/<tr><td class="tal">/g)).toHaveLength(3);
  });
});

it('the API is described in the OpenAPI document, the sample request by its validating schema', async () => {
  const r = await ui('GET', '/api/openapi.json', { user: 'rut' });
  expect(Object.keys(r.body.paths)).toEqual(
    expect.arrayContaining(['/api/revision/lasloggar', '/api/revision/lasloggar/stickprov', '/api/revision/lasloggar/stickprov/{id}']),
  );
  expect(r.body.components.schemas.Stickprovsbegaran.properties.antal).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000 });
});

describe('the pages in Chromium pass axe-core', () => {
  it('loggkontroll, with an error, and a draw', async () => {
    const rut = await loggaIn('rut');
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ locale: 'sv-SE' });
      const [namn, varde] = rut.cookie.split('=') as [string, string];
      await context.addCookies([{ name: namn, value: varde, url: stack().uiUrl }]);
      const page = await context.newPage();
      const axe = async (where: string) => {
        expect(await axeViolations(page), where).toEqual([]);
      };
      await page.goto(`${stack().uiUrl}/revision/loggkontroll?arende=${a}`);
      await axe('loggkontroll');
      await page.goto(`${stack().uiUrl}/revision/loggkontroll?fran=2026-02-30`);
      expect(await page.locator('[role=alert]').count()).toBe(1);
      await axe('loggkontroll with an error');
      await page.goto(`${stack().uiUrl}/revision/loggkontroll?arende=${a}`);
      await page.fill('#f-antal', '2');
      await page.getByRole('button', { name: 'Dra stickprov' }).click();
      await page.waitForURL(/\/revision\/loggkontroll\/stickprov\/\d+$/);
      await axe('a draw');
    } finally {
      await browser.close();
    }
  });
});
