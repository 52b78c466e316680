import knex, { type Knex } from 'knex';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atagandeSkickat, atervinningsfrist } from '../../frister/index.ts';
import type { Efterlevnadsrapport, Matt } from '../../ui/revision/efterlevnad/types.ts';
import { arendeVariabler, avslutad, deployBrevFixture, startaBrev } from './support/brev.ts';
import { engineAsAdmin, eventually, stack } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import {
  activitiesRun,
  candidateGroups,
  complete,
  fireTimer,
  historicVariable,
  openTasks,
  submitFormAsTasklist,
  timerJobs,
  waitForTask,
} from './support/scenario.ts';
import { loggaIn, ui, underrattelse } from './support/ui.ts';

/**
 * Written versus sent on the real stack: Bokvar writes the
 * letters, the registry sends them and marks them sent through
 * POST /api/brev/{id}/skickad (or a caseworker on the case page). The åtagande
 * waits to be marked sent; if it is not by the end of the next working day the
 * samordnare get a task. The compliance report counts the sent time.
 */
const ZONE = 'Europe/Stockholm';
const nu = () => DateTime.now().setZone(ZONE);
const HYRESVARDADRESS = { gatuadress: 'Förvaltargatan 5', postnummer: '41106', ort: 'Göteborg' };
let db: Knex;

beforeAll(async () => {
  db = knex({ client: 'pg', connection: stack().databaseUrl, pool: { min: 0, max: 2 } });
  await importScenarioPeople(stack().databaseUrl);
  await deployBrevFixture();
});
afterAll(async () => {
  await db.destroy();
});

type Brevrad = {
  id: string;
  skapad: Date;
  skickad: Date | null;
  skickad_av: string | null;
  skickad_registrerad: Date | null;
  process_instance_id: string;
};

/** A case whose committee commits to pay: the åtagande is written, and the process waits for it to be marked sent. */
async function atagandeSkrivet(over: Record<string, unknown> = {}): Promise<{ nr: string; pi: string; brev: Brevrad }> {
  const r = await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse({ hyresvardAdress: HYRESVARDADRESS, ...over }) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const nr = r.body.arendenummer as string;
  // the machine may be busy: the case reaches the decision in its own time
  const [beslut] = await eventually(
    `BeslutaOmAtagande in ${nr}`,
    async () => (await openTasks(nr)).filter((t) => t.taskDefinitionKey === 'BeslutaOmAtagande'),
    90_000,
  );
  await complete('eva', beslut!, {
    ansvarigHandlaggare: 'Eva Ekonomiskt bistånd',
    atervinningsbeslut: 'ataga-betalningsansvar',
    atervinningMotivering: 'Beviljat bistånd till hyresskulden.',
  });
  const brev = await eventually(
    'the åtagande letter',
    () => db('brev').where({ arendenummer: nr, typ: 'atagande-betalningsansvar' }).first<Brevrad | undefined>(),
    90_000,
  );
  return { nr, pi: r.body.processInstanceId as string, brev };
}

/** The process waits for the message brev-skickat (its subscription exists). */
async function vantarPaSkickat(pi: string): Promise<void> {
  await eventually(
    'the wait for brev-skickat',
    async () => {
      const s = await engineAsAdmin().get<unknown[]>('/event-subscription', { processInstanceId: pi, eventName: 'brev-skickat' });
      return s.length > 0 ? s : undefined;
    },
    90_000,
  );
}

const skickad = (id: string, user: string, body?: unknown) =>
  ui('POST', `/api/brev/${id}/skickad`, { user, ...(body === undefined ? {} : { body }) });
const rad = (id: string) => db('brev').where({ id }).first<Brevrad>();

describe('POST /api/brev/{id}/skickad', () => {
  let fall: { nr: string; pi: string; brev: Brevrad };
  beforeAll(async () => {
    fall = await atagandeSkrivet();
    await vantarPaSkickat(fall.pi);
  }, 240_000);

  it('refuses the read-only roles (403), unknown letters (404) and bad bodies (400, field by field)', async () => {
    for (const user of ['rut', 'petra']) {
      const r = await skickad(fall.brev.id, user, {});
      expect(r.status, user).toBe(403);
      expect(r.type).toContain('application/problem+json');
    }
    expect((await skickad('00000000-0000-4000-8000-000000000000', 'vera', {})).status).toBe(404);
    expect((await skickad('inte-ett-id', 'vera', {})).status).toBe(404);
    // bosse (barn och unga) may not read this case: the letter does not exist for him
    expect((await skickad(fall.brev.id, 'bosse', {})).status).toBe(404);

    const fel = async (body: unknown) => {
      const r = await skickad(fall.brev.id, 'vera', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.type).toContain('application/problem+json');
      return (r.body as { falt: { falt: string; fel: string }[] }).falt;
    };
    expect(await fel({ skickad: 'igår' })).toEqual([{ falt: 'skickad', fel: expect.stringContaining('offset') }]);
    expect(await fel({ skickad: '2026-12-03T10:15:00' })).toEqual([{ falt: 'skickad', fel: expect.stringContaining('offset') }]);
    expect(await fel({ skickad: nu().plus({ hours: 2 }).toISO() })).toEqual([{ falt: 'skickad', fel: 'får inte ligga i framtiden' }]);
    expect(await fel({ skickadAv: 'någon' })).toEqual([{ falt: '(hela meddelandet)', fel: expect.stringContaining('skickadAv') }]);
    expect(await fel({ skickad: DateTime.fromJSDate(fall.brev.skapad).minus({ hours: 1 }).toISO() })).toEqual([
      { falt: 'skickad', fel: expect.stringContaining('före brevets tillkomst') },
    ]);
    // nothing was registered by the refusals, and the case still waits
    expect((await rad(fall.brev.id)).skickad).toBeNull();
    await vantarPaSkickat(fall.pi);
  });

  it("marks the letter sent (201, who = the caller), ends the case's wait, and is idempotent; another time is a conflict (409)", async () => {
    const forst = await skickad(fall.brev.id, 'vera');
    expect(forst.status, JSON.stringify(forst.body)).toBe(201);
    expect(forst.body).toMatchObject({ id: fall.brev.id, arendenummer: fall.nr, typ: 'atagande-betalningsansvar', skickadAv: 'vera' });
    const sparad = await rad(fall.brev.id);
    expect(sparad.skickad_av).toBe('vera');
    expect(sparad.skickad!.toISOString()).toBe(forst.body.skickad);
    expect(sparad.skickad_registrerad!.toISOString()).toBe(forst.body.skickadRegistrerad);

    // the process took the message: the wait and its timer are gone, no task for the coordinators
    await expect.poll(() => activitiesRun(fall.nr), { timeout: 90_000 }).toContain('AtagandeMarkeratSkickat');
    await expect.poll(() => activitiesRun(fall.nr)).toContain('AtagandeSkickat');
    expect(await timerJobs(fall.nr, 'AtagandeInteSkickatITid')).toEqual([]);
    expect((await openTasks(fall.nr)).some((t) => t.taskDefinitionKey === 'KontrolleraAtagandeSkickat')).toBe(false);

    // a repeat (the registry retrying, or another caseworker): 200 with the first registration, unchanged
    for (const [user, body] of [
      ['vera', undefined],
      ['eva', {}],
      ['vera', { skickad: forst.body.skickad }],
    ] as const) {
      const igen = await skickad(fall.brev.id, user, body);
      expect(igen.status).toBe(200);
      expect(igen.body).toEqual(forst.body);
    }
    // another time: 409, naming the registered one
    // (between writing and the registered time: neither in the future nor before the letter)
    const mitt = new Date((sparad.skapad.getTime() + sparad.skickad!.getTime()) / 2);
    const annan = await skickad(fall.brev.id, 'vera', { skickad: DateTime.fromJSDate(mitt).setZone(ZONE).toISO() });
    expect(annan.status).toBe(409);
    expect(annan.type).toContain('application/problem+json');
    expect(annan.body.detail).toContain(forst.body.skickad);
    expect(await rad(fall.brev.id)).toEqual(sparad);
  });

  it('the archive keeps its integrity: nothing but the sent fields may be set, and only once', async () => {
    await expect(db('brev').where({ id: fall.brev.id }).update({ skickad_av: 'någon annan' })).rejects.toThrow(/Brevarkivet ändras aldrig/);
    await expect(db('brev').where({ id: fall.brev.id }).update({ kanal: 'post' })).rejects.toThrow(/Brevarkivet ändras aldrig/);
    const annat = await db('brev').whereNull('skickad').first<{ id: string } | undefined>('id');
    if (annat) {
      await expect(
        db('brev')
          .where({ id: annat.id })
          .update({ skickad: new Date(), skickad_av: 'x', skickad_registrerad: new Date(), typ: 'hembesok' }),
      ).rejects.toThrow(/Brevarkivet ändras aldrig/);
    }
  });

  it('is documented in the OpenAPI', async () => {
    const doc = (await ui('GET', '/api/openapi.json', { user: 'vera' })).body;
    const op = doc.paths['/api/brev/{id}/skickad'].post;
    expect(Object.keys(op.responses).sort()).toEqual(['200', '201', '400', '401', '403', '404', '409']);
    expect(doc.components.schemas.BrevSkickat.properties.skickad).toMatchObject({ type: 'string', format: 'date-time' });
  });
});

describe('the case page', () => {
  it('shows "Markera som skickat" for an unsent letter; the form (with its CSRF token) marks it as the caseworker', async () => {
    const fall = await atagandeSkrivet();
    const sida = await loggaIn('eva');
    const html = async () =>
      (await ui('GET', `/arenden/${fall.nr}`, { headers: { Cookie: sida.cookie, Accept: 'text/html' } })).body as string;
    expect(await html()).toContain(`action="/arenden/${fall.nr}/brev/${fall.brev.id}/skickad"`);
    const utanToken = await fetch(`${stack().uiUrl}/arenden/${fall.nr}/brev/${fall.brev.id}/skickad`, {
      method: 'POST',
      headers: { Cookie: sida.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(utanToken.status).toBe(403);
    const post = await fetch(`${stack().uiUrl}/arenden/${fall.nr}/brev/${fall.brev.id}/skickad`, {
      method: 'POST',
      headers: { Cookie: sida.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: sida.csrf }),
      redirect: 'manual',
    });
    expect(post.status).toBe(303);
    expect((await rad(fall.brev.id)).skickad_av).toBe('eva');
    expect(await html()).toMatch(/Skickat .* av eva/);
  }, 240_000);
});

describe('an åtagande not marked sent by the end of the next working day', () => {
  it('gives the coordinators a task due by the calendar; their form marks the letter sent as them', async () => {
    const fall = await atagandeSkrivet();
    await vantarPaSkickat(fall.pi);
    // the timer is the calendar's end of the next working day after the letter was written
    const forvantad = atagandeSkickat({ skrivet: fall.brev.skapad });
    const [timer] = await timerJobs(fall.nr, 'AtagandeInteSkickatITid');
    expect(new Date(timer!.dueDate!).getTime()).toBe(new Date(forvantad.senast).getTime());

    // when: that time "passes" (the job API)
    await fireTimer(fall.nr, 'AtagandeInteSkickatITid');

    // then: the coordinators' task, due by the calendar
    const uppgift = await waitForTask(fall.nr, 'KontrolleraAtagandeSkickat');
    expect(uppgift.name).toBe('Åtagandet är inte markerat som skickat');
    expect(await candidateGroups(uppgift.id)).toEqual(['samordnare']);
    expect(new Date(uppgift.due!).getTime()).toBe(new Date(forvantad.forfaller).getTime());
    expect(await historicVariable<string>(fall.nr, 'atagandeSkickatForfaller')).toBe(forvantad.forfaller);

    // stina records that it went out this morning
    const skickades = DateTime.fromJSDate(fall.brev.skapad).setZone(ZONE).plus({ seconds: 1 }).startOf('second');
    await submitFormAsTasklist('stina', uppgift, {
      atagandeSkickatAtgard: 'skickat',
      atagandeSkickadTid: skickades.toISO({ suppressMilliseconds: true })!,
    });
    await expect.poll(() => activitiesRun(fall.nr), { timeout: 90_000 }).toContain('AtagandeSkickat');
    const sparad = await rad(fall.brev.id);
    expect(sparad).toMatchObject({ skickad_av: 'stina' });
    expect(sparad.skickad!.getTime()).toBe(skickades.toMillis());
    // the API answers with that registration
    const igen = await skickad(fall.brev.id, 'vera');
    expect(igen.status).toBe(200);
    expect(igen.body.skickadAv).toBe('stina');
  }, 240_000);

  it('a letter marked sent before the process reached its wait does not leave it waiting', async () => {
    const fall = await atagandeSkrivet();
    // marked as soon as it exists, racing the process to its wait
    expect((await skickad(fall.brev.id, 'vera')).status).toBe(201);
    // either the process saw the mark before waiting, or took the message while waiting; it never waits on
    await expect.poll(() => activitiesRun(fall.nr), { timeout: 90_000 }).toContain('AtagandeSkickat');
    expect(await timerJobs(fall.nr, 'AtagandeInteSkickatITid')).toEqual([]);
  }, 240_000);
});

describe('the compliance report counts the sent time', () => {
  /** A period of its own, far back, that only this file uses. */
  const DAG = nu().minus({ days: 61 }).startOf('day');
  async function rapport(): Promise<Efterlevnadsrapport> {
    const r = await ui('GET', `/api/revision/efterlevnad?fran=${DAG.toISODate()}&till=${DAG.toISODate()}`, { user: 'rut' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as Efterlevnadsrapport;
  }
  const rader = (r: Efterlevnadsrapport, id: string) =>
    Object.fromEntries((r.matt.find((m) => m.id === id) as Matt).rader.map((x) => [x.id, [x.antal, x.arenden]]));

  it('an åtagande written in time but marked sent after the period is a deviation; one never marked sent is too', async () => {
    // two cases received in the period; their letters serve a period that ends a few seconds from now
    const registrera = async (personnummer: string) => {
      const r = await ui('POST', '/api/underrattelser', {
        user: 'vera',
        body: underrattelse({
          mottagen: DAG.set({ hour: 10 }).toISO({ suppressMilliseconds: true }),
          hyresgast: { personnummer, namn: 'Sara Sent' },
        }),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.arendenummer as string;
    };
    const [sen, aldrig] = [await registrera('197001011233'), await registrera('197001011233')];
    const slut = new Date(Date.now() + 30_000);
    const kort = {
      ...atervinningsfrist({ delgivningsdatum: nu().toISODate()!, mottagenSocialnamnden: nu().toISODate()! }),
      senast: slut.toISOString(),
    };
    const skriv = async (nr: string) => {
      const i = await startaBrev('atagande-betalningsansvar', arendeVariabler({ fristunderlag: { atervinningsfrist: kort } }), nr);
      await avslutad(i.id);
      return db('brev').where({ process_instance_id: i.id }).first<Brevrad & { efter_frist: boolean }>();
    };
    const [senBrev, aldrigBrev] = await Promise.all([skriv(sen), skriv(aldrig)]);
    expect(senBrev.efter_frist).toBe(false); // written in time
    expect(aldrigBrev.efter_frist).toBe(false);

    // the period ends; the registry marks one letter sent afterwards
    await new Promise((r) => setTimeout(r, Math.max(0, slut.getTime() - Date.now() + 500)));
    expect((await skickad(senBrev.id, 'vera')).status).toBe(201);

    const r = await rapport();
    const atervinning = rader(r, 'atervinningsfrist');
    expect(atervinning['atagande-efter-frist']).toEqual([1, [sen]]);
    expect(atervinning['atagande-ej-skickat']).toEqual([1, [aldrig]]);
    expect(atervinning['atagande-i-tid']).toEqual([0, []]);
    const m = r.matt.find((x) => x.id === 'atervinningsfrist')!;
    expect(
      m.rader
        .filter((x) => x.avvikelse)
        .map((x) => x.id)
        .sort(),
    ).toEqual(['atagande-efter-frist', 'atagande-ej-skickat']);
    // and the letters-not-sent measure lists the case whose letter was never marked
    expect(rader(r, 'brev-ej-skickade')['ej-skickade']).toEqual([1, [aldrig]]);
  }, 240_000);
});
