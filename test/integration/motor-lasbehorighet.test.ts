import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineRest, EngineRestError } from '../../engine-rest/client.ts';
import { engineAsAdmin, eventually, stack } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import { candidateGroups, openTasks } from './support/scenario.ts';
import { ui, underrattelse } from './support/ui.ts';
import { webappEngineCall, webappLogin, type WebappSession } from './support/webapp.ts';

/**
 * Issue 15's role matrix over the engine: every group (demo users), the
 * administrator and the technical users against each engine endpoint that hands
 * out a case's variables or forms, through /engine-rest and through the
 * webapps' internal API. Each row is allowed or refused; an allowed read returns
 * the tenant's personnummer and lands in Bokvar's read log with its channel and
 * category, a refused one returns no value and logs nothing.
 */
const PERSONNUMMER = '197001011233';

type Endpoint = 'historik' | 'detalj' | 'instans' | 'variabelfraga' | 'uppgift' | 'formular';

interface Reader {
  user: string;
  password: string;
  /** The endpoints this reader may read a case's variables from. */
  allowed: Endpoint[];
  category: 'person' | 'teknisk' | 'administrator';
  /** Where the user may log in (application ACCESS). */
  webapp?: 'tasklist' | 'cockpit';
}

const c = { nr: '', pi: '', taskId: '', taskGroups: [] as string[] };
let db: Knex;
let readers: Reader[];

beforeAll(async () => {
  db = knex({ client: 'pg', connection: stack().databaseUrl });
  await importScenarioPeople(stack().databaseUrl);
  const r = await ui('POST', '/api/underrattelser', {
    user: 'vera',
    body: underrattelse({ hyresgast: { personnummer: PERSONNUMMER, namn: 'Bertil Ödman' } }),
  });
  expect(r.status).toBe(201);
  c.nr = r.body.arendenummer;
  c.pi = r.body.processInstanceId;
  const task = await eventually('a vuxenenheten task in the case', async () => {
    for (const t of await openTasks(c.nr)) if ((await candidateGroups(t.id)).includes('vuxenenheten')) return t;
    return undefined;
  });
  c.taskId = task.id;
  c.taskGroups = await candidateGroups(task.id);
  const tasks: Endpoint[] = ['uppgift', 'formular'];
  readers = [
    { user: 'vera', password: 'vera', allowed: tasks, category: 'person', webapp: 'tasklist' },
    { user: 'stina', password: 'stina', allowed: tasks, category: 'person', webapp: 'tasklist' },
    { user: 'bosse', password: 'bosse', allowed: [], category: 'person', webapp: 'tasklist' },
    { user: 'eva', password: 'eva', allowed: [], category: 'person', webapp: 'tasklist' },
    { user: 'rut', password: 'rut', allowed: [], category: 'person', webapp: 'cockpit' },
    { user: 'petra', password: 'petra', allowed: [], category: 'person', webapp: 'cockpit' },
    {
      user: stack().admin.user,
      password: stack().admin.password,
      allowed: ['historik', 'detalj', 'instans', 'variabelfraga', 'uppgift', 'formular'],
      category: 'administrator',
      webapp: 'cockpit',
    },
    {
      user: stack().worker.user,
      password: stack().worker.password,
      allowed: ['historik', 'detalj', 'instans', 'variabelfraga'],
      category: 'teknisk',
    },
    {
      user: stack().ui.user,
      password: stack().ui.password,
      allowed: ['historik', 'detalj', 'instans', 'variabelfraga'],
      category: 'teknisk',
    },
  ];
});
afterAll(async () => {
  await db.destroy();
});

/** Each endpoint as a path (GET) or a path and body (POST), the same under both roots. */
const ENDPOINTS: Record<Endpoint, () => { method: 'GET' | 'POST'; path: string; body?: unknown; vy: string }> = {
  historik: () => ({
    method: 'GET',
    path: `/history/variable-instance?processInstanceId=${c.pi}&variableName=hyresgastPersonnummer`,
    vy: 'historikvariabler',
  }),
  detalj: () => ({ method: 'GET', path: `/history/detail?processInstanceId=${c.pi}&variableUpdates=true`, vy: 'historikvariabler' }),
  instans: () => ({ method: 'GET', path: `/process-instance/${c.pi}/variables`, vy: 'instansvariabler' }),
  variabelfraga: () => ({
    method: 'POST',
    path: '/variable-instance',
    body: { processInstanceIdIn: [c.pi], variableName: 'hyresgastPersonnummer' },
    vy: 'instansvariabler',
  }),
  uppgift: () => ({ method: 'GET', path: `/task/${c.taskId}/variables`, vy: 'uppgiftsvariabler' }),
  formular: () => ({ method: 'GET', path: `/task/${c.taskId}/form-variables`, vy: 'uppgiftsformular' }),
};

const ALL = Object.keys(ENDPOINTS) as Endpoint[];

/** An answer carries case data when the tenant's personnummer is in it. */
const carries = (body: unknown) => JSON.stringify(body ?? null).includes(PERSONNUMMER);

async function viaRest(reader: Reader, endpoint: Endpoint): Promise<{ status: number; body: unknown }> {
  const e = ENDPOINTS[endpoint]();
  const rest = new EngineRest(stack().engineRestUrl, { user: reader.user, password: reader.password });
  try {
    const body = e.method === 'GET' ? await rest.get<unknown>(e.path) : await rest.post<unknown>(e.path, e.body);
    return { status: 200, body };
  } catch (error) {
    if (error instanceof EngineRestError) return { status: error.status, body: undefined };
    throw error;
  }
}

const highestLogId = async () => Number((await db('lasloggar').max<{ max: string | null }[]>('id as max'))[0]!.max ?? 0);

async function rowsAfter(
  id: number,
  user: string,
  kanal: string,
): Promise<{ vy: string; resurs: string; kategori: string; kanal: string }[]> {
  return db('lasloggar')
    .where('id', '>', id)
    .andWhere({ anvandare: user, arendenummer: c.nr, kanal })
    .select('vy', 'resurs', 'kategori', 'kanal');
}

describe('the engine REST API (/engine-rest)', () => {
  it('the case runs with the tenant in it, and its task waits for vuxenenheten', () => {
    expect(c.taskGroups).toContain('vuxenenheten');
  });

  it.each(['vera', 'stina', 'bosse', 'eva', 'rut', 'petra', 'admin', 'worker', 'ui'])(
    '%s: every endpoint allowed or refused, allowed reads logged',
    async (who) => {
      const reader = readers.find((r) =>
        who === 'admin'
          ? r.category === 'administrator'
          : who === 'worker'
            ? r.user === stack().worker.user
            : who === 'ui'
              ? r.user === stack().ui.user
              : r.user === who,
      )!;
      for (const endpoint of ALL) {
        const before = await highestLogId();
        const answer = await viaRest(reader, endpoint);
        const allowed = reader.allowed.includes(endpoint);
        expect({ endpoint, status: answer.status, carries: carries(answer.body) }).toEqual({
          endpoint,
          status: allowed ? 200 : expect.toSatisfy((s: number) => s === 200 || s === 403 || s === 404),
          carries: allowed,
        });
        if (allowed) {
          const rows = await eventually(`${reader.user}'s read of ${endpoint} in the read log`, () =>
            rowsAfter(before, reader.user, 'rest'),
          );
          expect(rows[0]).toMatchObject({ vy: ENDPOINTS[endpoint]().vy, kanal: 'rest', kategori: reader.category });
        } else {
          await new Promise((resolve) => setTimeout(resolve, 100));
          // Only this endpoint's view: Bokvar UI's case index reads history variables of the
          // case every few seconds as the same technical user, and may land in this window.
          const rows = (await rowsAfter(before, reader.user, 'rest')).filter((r) => r.vy === ENDPOINTS[endpoint]().vy);
          expect(rows, `${reader.user} ${endpoint}`).toEqual([]);
        }
      }
    },
  );

  it('names what was read, never a value: the variable names in the resource', async () => {
    const rows = await db('lasloggar').where({ arendenummer: c.nr, vy: 'historikvariabler', kanal: 'rest' }).select('resurs');
    expect(rows.some((r: { resurs: string }) => r.resurs === 'history/variable-instance: hyresgastPersonnummer')).toBe(true);
    const all = await db('lasloggar').where({ arendenummer: c.nr }).select('resurs');
    expect(JSON.stringify(all)).not.toContain(PERSONNUMMER);
  });

  it('a process owner finds the structure: definitions, instance counts, activity statistics, incidents', async () => {
    const petra = new EngineRest(stack().engineRestUrl, { user: 'petra', password: 'petra' });
    const [definition] = await petra.get<{ id: string }[]>('/process-definition', { key: 'hot-om-avhysning', latestVersion: true });
    expect(definition).toBeDefined();
    expect(
      (await petra.get<{ count: number }>('/process-instance/count', { processDefinitionKey: 'hot-om-avhysning' })).count,
    ).toBeGreaterThan(0);
    const stats = await petra.get<{ id: string; instances: number }[]>(`/process-definition/${definition!.id}/statistics`, {
      incidents: true,
    });
    expect(stats.length).toBeGreaterThan(0);
    expect(await petra.get<unknown[]>('/incident', { processInstanceId: c.pi })).toEqual([]);
    // and nothing of a case's data by searching on it: a variable filter finds nothing
    expect(await petra.get<unknown[]>('/variable-instance', { variableName: 'hyresgastPersonnummer' })).toEqual([]);
    expect(await petra.get<unknown[]>('/history/variable-instance', { variableName: 'hyresgastPersonnummer' })).toEqual([]);
  });
});

describe("the webapps' internal API (<webapp root>/api/engine)", () => {
  const sessions = new Map<string, WebappSession>();
  const session = async (reader: Reader): Promise<WebappSession> => {
    const existing = sessions.get(reader.user);
    if (existing) return existing;
    const { status, session: s } = await webappLogin(reader.webapp!, reader.user, reader.password);
    expect(status, `${reader.user} logs in to ${reader.webapp}`).toBe(200);
    sessions.set(reader.user, s);
    return s;
  };

  it.each(['vera', 'stina', 'bosse', 'eva', 'rut', 'petra', 'admin'])(
    '%s: every endpoint allowed or refused, allowed reads logged with the app as channel',
    async (who) => {
      const reader = readers.find((r) => (who === 'admin' ? r.category === 'administrator' : r.user === who))!;
      const s = await session(reader);
      for (const endpoint of ALL) {
        const e = ENDPOINTS[endpoint]();
        const before = await highestLogId();
        const answer = await webappEngineCall(s, e.method, e.path, e.body);
        const allowed = reader.allowed.includes(endpoint);
        expect({ endpoint, carries: carries(answer.body) }).toEqual({ endpoint, carries: allowed });
        if (allowed) {
          expect(answer.status).toBe(200);
          const rows = await eventually(`${reader.user}'s read of ${endpoint} in the read log`, () =>
            rowsAfter(before, reader.user, reader.webapp!),
          );
          expect(rows[0]).toMatchObject({ vy: e.vy, kanal: reader.webapp, kategori: reader.category });
        } else {
          await new Promise((resolve) => setTimeout(resolve, 100));
          expect(await rowsAfter(before, reader.user, reader.webapp!), `${reader.user} ${endpoint}`).toEqual([]);
        }
      }
    },
  );

  it('a filter with variables in Tasklist logs the cases whose variables it listed', async () => {
    const vera = await session(readers.find((r) => r.user === 'vera')!);
    const filters = (await webappEngineCall(vera, 'GET', '/filter?resourceType=Task')).body as { id: string; name: string }[];
    const mine = filters.find((f) => f.name === 'Min grupp') ?? filters[0]!;
    const before = await highestLogId();
    const response = await fetch(`${stack().webappUrl}/api/engine/engine/default/filter/${mine.id}/list?firstResult=0&maxResults=1000`, {
      method: 'POST',
      headers: {
        Cookie: vera.cookie,
        'X-XSRF-TOKEN': vera.xsrf,
        Accept: 'application/hal+json',
        'Content-Type': 'application/json',
        Referer: `${stack().webappUrl}/app/tasklist/default/`,
      },
      body: JSON.stringify({ processInstanceBusinessKey: c.nr }),
    });
    expect(response.status).toBe(200);
    const hal = (await response.json()) as { _embedded: { task: { _embedded: { variable: unknown[] } }[] } };
    expect(hal._embedded.task.length).toBeGreaterThan(0);
    // each task carries the filter's list variables: case number, initials, next deadline (scripts/filters.ts)
    expect(hal._embedded.task[0]!._embedded.variable.length).toBeGreaterThan(0);
    const rows = await eventually('the list read in the read log', () => rowsAfter(before, 'vera', 'tasklist'));
    expect(rows[0]).toMatchObject({ vy: 'uppgiftslista', kategori: 'person' });
    expect(rows[0]!.resurs).toMatch(/^filter\/\{id\}\/list: .*arendenummer/);
  });
});

describe('searching by a value is reading it', () => {
  const search = `hyresgastPersonnummer_eq_${PERSONNUMMER}`;

  it.each(['petra', 'rut'])('%s: a variable-value filter on instances, history or tasks → 403, through REST and Cockpit', async (user) => {
    const rest = new EngineRest(stack().engineRestUrl, { user, password: user });
    const refused = async (call: Promise<unknown>) => {
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(EngineRestError);
      expect((error as EngineRestError).status).toBe(403);
    };
    await refused(rest.get('/process-instance', { variables: search }));
    await refused(rest.post('/process-instance', { variables: [{ name: 'hyresgastPersonnummer', operator: 'eq', value: PERSONNUMMER }] }));
    await refused(
      rest.post('/process-instance', {
        orQueries: [{ variables: [{ name: 'hyresgastPersonnummer', operator: 'eq', value: PERSONNUMMER }] }],
      }),
    );
    await refused(rest.get('/history/process-instance', { variables: search }));
    await refused(rest.get('/task', { processVariables: search }));
    await refused(rest.get('/history/variable-instance', { variableName: 'hyresgastPersonnummer', variableValue: PERSONNUMMER }));
    // the structural queries themselves still answer
    expect((await rest.post<unknown[]>('/process-instance', { businessKey: c.nr, variables: [] })).length).toBeGreaterThan(0);

    const { session } = await webappLogin('cockpit', user);
    const cockpit = await fetch(`${stack().webappUrl}/api/cockpit/plugin/base/default/process-instance?firstResult=0&maxResults=50`, {
      method: 'POST',
      headers: { Cookie: session.cookie, 'X-XSRF-TOKEN': session.xsrf, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        processDefinitionKey: 'hot-om-avhysning',
        variables: [{ name: 'hyresgastPersonnummer', operator: 'eq', value: PERSONNUMMER }],
      }),
    });
    expect(cockpit.status).toBe(403);
    const list = await fetch(`${stack().webappUrl}/api/cockpit/plugin/base/default/process-instance?firstResult=0&maxResults=50`, {
      method: 'POST',
      headers: { Cookie: session.cookie, 'X-XSRF-TOKEN': session.xsrf, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ processDefinitionKey: 'hot-om-avhysning', variables: [] }),
    });
    expect(list.status).toBe(200);
  });

  it('a caseworker still searches their own tasks by a variable', async () => {
    const vera = new EngineRest(stack().engineRestUrl, { user: 'vera', password: 'vera' });
    const found = await vera.get<{ id: string }[]>('/task', { processVariables: `arendenummer_eq_${c.nr}` });
    expect(found.map((t) => t.id)).toContain(c.taskId);
  });
});

it("an administrator's read is its own category in loggkontroll", async () => {
  const r = await ui('GET', `/api/revision/lasloggar?arende=${c.nr}&kategori=administrator`, { user: 'rut' });
  expect(r.status).toBe(200);
  expect(r.body.totalt).toBeGreaterThan(0);
  expect(
    r.body.rader.every(
      (x: { anvandare: string; kategori: string }) => x.kategori === 'administrator' && x.anvandare === stack().admin.user,
    ),
  ).toBe(true);
  const tekniska = await ui('GET', `/api/revision/lasloggar?arende=${c.nr}&kategori=teknisk`, { user: 'rut' });
  expect(tekniska.body.rader.map((x: { anvandare: string }) => x.anvandare)).toContain(stack().worker.user);
});

it("Tasklist's list variables stay readable to the task's group", async () => {
  // The copy of the list variables on each task (TasklistVariablesPlugin) is readable with the task.
  const vera = new EngineRest(stack().engineRestUrl, { user: 'vera', password: 'vera' });
  const local = await vera.get<Record<string, { value: unknown }>>(`/task/${c.taskId}/localVariables`);
  expect(local.arendenummer?.value).toBe(c.nr);
  const admin = engineAsAdmin();
  expect((await admin.get<{ id: string }[]>('/task', { processInstanceBusinessKey: c.nr })).length).toBeGreaterThan(0);
});
