import path from 'node:path';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEngineTime } from '../../engine-rest/time.ts';
import { Arendeindex, UPPDATERINGSINTERVALL_MS } from '../../ui/arenden/arendeindex.ts';
import { DEV_UI_PASSWORD } from '../../scripts/config.ts';
import { engineAs, engineAsAdmin, eventually, stack } from './support/engine.ts';
import { deployFixture, fixturesDir } from './support/fixtures.ts';
import { fireTimer, openTasks, timerJobs } from './support/scenario.ts';
import { ui, underrattelse } from './support/ui.ts';

/**
 * The case list reads the case index, which the UI keeps in step with the
 * engine (ui/arenden/arendeindex.ts). Here the engine is changed behind the
 * UI's back — instances started, timers fired and moved, tasks completed —
 * through the engine's own API, and the list must follow within the refresh
 * bound; a case that ends leaves it.
 */
let db: Knex;

beforeAll(async () => {
  db = knex({ client: 'pg', connection: stack().databaseUrl });
  await deployFixture(path.join(fixturesDir, 'test-arendeindex.bpmn'));
});
afterAll(async () => {
  await db.destroy();
});

const dagar = (n: number) => new Date(Date.now() + n * 86_400_000);

/** One refresh interval plus a refresh's own time on a loaded machine. */
const GRANS_MS = UPPDATERINGSINTERVALL_MS + 20_000;

interface Listrad {
  arendenummer: string;
  aktuellt: string[];
  nastaFrist: string | null;
  dagarKvar: number | null;
}

async function listan(nr: string, user = 'stina'): Promise<{ totalt: number; rad?: Listrad; indexeradTid: string | null }> {
  const r = await ui('GET', `/api/arenden?sok=${encodeURIComponent(nr)}`, { user });
  expect(r.status).toBe(200);
  return { totalt: r.body.totalt, rad: r.body.arenden.find((a: Listrad) => a.arendenummer === nr), indexeradTid: r.body.indexeradTid };
}

/** Waits until the list satisfies `villkor`, and says how long the index took after the change. */
async function nar(nr: string, villkor: (l: Awaited<ReturnType<typeof listan>>) => boolean, andrad: Date) {
  const l = await eventually(
    'the list to follow the engine',
    async () => {
      const l = await listan(nr);
      return villkor(l) ? l : undefined;
    },
    GRANS_MS,
  );
  return { ...l, efterMs: Date.now() - andrad.getTime() };
}

describe('the case list follows the engine', () => {
  const nr = `BV-2099-${String(Date.now()).slice(-8)}`;
  const paminnelse = dagar(5);
  const uppfoljningSenast = dagar(2);
  let instans: string;

  beforeAll(async () => {
    const pi = await engineAsAdmin().post<{ id: string }>('/process-definition/key/test-arendeindex/start', {
      businessKey: nr,
      variables: {
        handlaggSenast: { value: formatEngineTime(dagar(10)), type: 'Date' },
        paminnelse: { value: formatEngineTime(paminnelse), type: 'Date' },
        uppfoljningSenast: { value: formatEngineTime(uppfoljningSenast), type: 'Date' },
        delstegSenast: { value: formatEngineTime(dagar(8)), type: 'Date' },
        delstegTimer: { value: formatEngineTime(dagar(20)), type: 'Date' },
      },
    });
    instans = pi.id;
    // Registered in the case register after the engine started it, like an import would.
    await db('arenden').insert({
      arendenummer: nr,
      process_key: 'test-arendeindex',
      process_instance_id: instans,
      kallreferens: `test:${nr}`,
      mottagen: new Date(),
      enheter: ['vuxenenheten', 'samordnare'],
    });
  });

  it('a case started in the engine appears with its tasks from every instance and its earliest deadline', async () => {
    const l = await nar(nr, (x) => x.rad !== undefined, new Date());
    expect(l.totalt).toBe(1);
    expect([...l.rad!.aktuellt].sort()).toEqual(['Delsteg', 'Handlägg ärendet']);
    // The reminder timer (5 days) comes before the called instance's task (8) and the main task (10).
    expect(l.rad!.nastaFrist).toBe(paminnelse.toISOString());
    expect(l.rad!.dagarKvar).toBe(5);
    // The index keeps no personal data and nothing of the case the list does not show.
    expect(await db('arendeindex').where({ arendenummer: nr }).first()).toMatchObject({ oppen: true, aktuellt: expect.any(Array) });
  });

  it('a timer fired through the job API: the next step and its deadline show within the refresh bound', async () => {
    await fireTimer(nr, 'Paminnelse');
    const avfyrad = new Date();
    const l = await nar(nr, (x) => x.rad?.aktuellt.includes('Följ upp påminnelsen') === true, avfyrad);
    expect(l.rad!.aktuellt).not.toContain('Handlägg ärendet');
    expect(l.rad!.nastaFrist).toBe(uppfoljningSenast.toISOString());
    expect(l.rad!.dagarKvar).toBe(2);
    expect(l.efterMs).toBeLessThan(GRANS_MS);
    // What the list shows is at least as fresh as its stamp says.
    expect(Date.parse(l.indexeradTid!)).toBeGreaterThan(avfyrad.getTime() - 1000);
  });

  it('a timer moved through the job API (a called instance’s) moves the deadline', async () => {
    const [bevakning] = await timerJobs(nr, 'DelstegTimer');
    const imorgon = dagar(1);
    // As the UI's own engine user: its grants must let it see the operation.
    const index = new Arendeindex(db, engineAs('bokvar-ui', DEV_UI_PASSWORD));
    const fore = new Date();
    expect(await index.andradeArenden(fore)).not.toContain(nr);
    await engineAsAdmin().put(`/job/${bevakning!.id}/duedate`, { duedate: formatEngineTime(imorgon) });
    const flyttad = new Date();
    // No activity ran: only the engine's operation log tells that the case changed.
    expect(await index.andradeArenden(fore)).toContain(nr);
    const l = await nar(nr, (x) => x.rad?.nastaFrist === imorgon.toISOString(), flyttad);
    expect(l.rad!.dagarKvar).toBe(1);
  });

  it('tasks completed through the engine: the case ends and leaves the list', async () => {
    for (const task of await openTasks(nr)) await engineAsAdmin().post(`/task/${task.id}/complete`, { variables: {} });
    const klar = new Date();
    await eventually('the case to end', async () =>
      (await engineAsAdmin().get<{ state: string }>(`/history/process-instance/${instans}`)).state === 'COMPLETED' ? true : undefined,
    );
    const l = await nar(nr, (x) => x.totalt === 0, klar);
    expect(l.rad).toBeUndefined();
    expect(await db('arendeindex').where({ arendenummer: nr }).first()).toMatchObject({ oppen: false, nasta_frist: null, aktuellt: [] });
    // Revisor, who sees every case, does not see it either.
    expect((await listan(nr, 'rut')).totalt).toBe(0);
  });
});

describe('changes the UI makes itself', () => {
  it('a registered notice is in the list when the intake answers, without waiting for a refresh', async () => {
    const r = await ui('POST', '/api/underrattelser', {
      user: 'vera',
      body: underrattelse({ orsak: 'storningar', uppsagning: undefined }),
    });
    expect(r.status).toBe(201);
    const l = await listan(r.body.arendenummer, 'vera');
    expect(l.totalt).toBe(1);
  });
});

describe('two writers (two UI processes, or a periodic and an immediate refresh)', () => {
  it('a read never replaces a row another writer read later', async () => {
    const nr = `BV-2099-${String(Date.now()).slice(-8)}9`;
    const index = new Arendeindex(db, engineAsAdmin());
    // A later read said the case is open; this read (earlier) finds no instance and must not close it.
    const senare = new Date(Date.now() + 60_000);
    await db('arendeindex').insert({ arendenummer: nr, oppen: true, nasta_frist: null, aktuellt: ['Något'], indexerad: senare });
    await index.uppdateraArenden([nr]);
    expect(await db('arendeindex').where({ arendenummer: nr }).first()).toMatchObject({ oppen: true, indexerad: senare });
    // A row read before this read is replaced: no instance runs, so the case is closed.
    await db('arendeindex')
      .where({ arendenummer: nr })
      .update({ indexerad: new Date(Date.now() - 60_000) });
    await index.uppdateraArenden([nr]);
    expect(await db('arendeindex').where({ arendenummer: nr }).first()).toMatchObject({ oppen: false, aktuellt: [] });
  });

  it('a full rebuild beside the UI’s own refreshes leaves the same list', async () => {
    const fore = await ui('GET', '/api/arenden?max=500', { user: 'rut' });
    const index = new Arendeindex(db, engineAsAdmin());
    const [a, b] = await Promise.all([index.byggOm(), index.byggOm()]);
    // One rebuild at a time in a process: the second caller shares the first's.
    expect(a).toBe(b);
    const efter = await ui('GET', '/api/arenden?max=500', { user: 'rut' });
    // Other cases' steps may move them in the order meanwhile; the set of open cases stays.
    const nummer = (body: { arenden: Listrad[] }) => body.arenden.map((x) => x.arendenummer).sort();
    expect(nummer(efter.body)).toEqual(nummer(fore.body));
  });
});
