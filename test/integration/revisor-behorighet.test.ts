import { randomUUID } from 'node:crypto';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineAs, engineAsAdmin, eventually, stack, statusOf } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import { instancesOf, openTasks } from './support/scenario.ts';
import { kronofogdeMeddelande, loggaIn, ui, underrattelse } from './support/ui.ts';

/**
 * The role matrix of issue 8: the auditor (demo user rut, group revisor) reads
 * everything and changes nothing — in Bokvar's pages, Bokvar's API and the
 * engine's REST API with rut's own credentials. Every row is asserted, and
 * after the refusals the case is as it was.
 */
let db: Knex;
let sida: { cookie: string; csrf: string };
const c = { nr: '', pi: '', taskId: '', jobId: '', definitionId: '', deploymentId: '', decisionKey: '', brevId: '' };

beforeAll(async () => {
  db = knex({ client: 'pg', connection: stack().databaseUrl });
  await importScenarioPeople(stack().databaseUrl);
  const r = await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse() });
  expect(r.status).toBe(201);
  c.nr = r.body.arendenummer;
  c.pi = r.body.processInstanceId;
  c.taskId = (await eventually('a task in the case', () => openTasks(c.nr)))[0]!.id;
  c.jobId = (
    await eventually('a timer in the case', async () => {
      const jobs: { id: string }[] = [];
      for (const i of await instancesOf(c.nr))
        jobs.push(...(await engineAsAdmin().get<{ id: string }[]>('/job', { processInstanceId: i.id, timers: true })));
      return jobs;
    })
  )[0]!.id;
  c.definitionId = (await engineAsAdmin().get<{ definitionId: string }>(`/process-instance/${c.pi}`)).definitionId;
  c.deploymentId = (await engineAsAdmin().get<{ id: string }[]>('/deployment', { maxResults: 1 }))[0]!.id;
  c.decisionKey = (await engineAsAdmin().get<{ key: string }[]>('/decision-definition', { maxResults: 1 }))[0]!.key;
  // a letter of the case, as the archive holds it (the refusal must not depend on the letter being unknown)
  c.brevId = randomUUID();
  await db('brev').insert({
    id: c.brevId,
    arendenummer: c.nr,
    process_instance_id: c.pi,
    external_task_id: `revisor-${c.brevId}`,
    typ: 'informationsbrev',
    mottagare: 'hyresgast',
    kanal: 'post',
    mallversion: 'informationsbrev/1',
    sha256: '0'.repeat(64),
    pdf: Buffer.from('%PDF-'),
    skapad: new Date(),
  });
  sida = await loggaIn('rut');
});
afterAll(async () => {
  await db.destroy();
});

const rut = () => engineAs('rut');

function deployment(): FormData {
  const form = new FormData();
  form.set('deployment-name', 'revisor-intrang');
  form.append('intrang.bpmn', new Blob(['<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>']), 'intrang.bpmn');
  return form;
}

describe('revisor reads', () => {
  it.each([
    ['case list', '/api/arenden'],
    ['case view', () => `/api/arenden/${c.nr}`],
    ['diagram', () => `/api/arenden/${c.nr}/diagram`],
    ['overview', '/api/oversikt'],
    ['read log', () => `/api/revision/lasloggar?arende=${c.nr}`],
  ] as const)('Bokvar API: %s → 200', async (_namn, url) => {
    const r = await ui('GET', typeof url === 'function' ? url() : url, { user: 'rut' });
    expect(r.status).toBe(200);
  });

  it.each([
    ['case list', '/arenden'],
    ['case view', () => `/arenden/${c.nr}`],
    ['overview', '/oversikt'],
    ['loggkontroll', () => `/revision/loggkontroll?arende=${c.nr}`],
  ] as const)('page: %s → 200', async (_namn, url) => {
    const r = await ui('GET', typeof url === 'function' ? url() : url, { headers: { Cookie: sida.cookie, Accept: 'text/html' } });
    expect(r.status).toBe(200);
  });

  it.each([
    ['running instances', () => rut().get('/process-instance', { businessKey: c.nr })],
    ['one instance', () => rut().get(`/process-instance/${c.pi}`)],
    ['history', () => rut().get('/history/process-instance', { processInstanceBusinessKey: c.nr })],
    ['activity history', () => rut().get('/history/activity-instance', { processInstanceId: c.pi })],
    ['tasks', () => rut().get('/task', { processInstanceBusinessKey: c.nr })],
    ['task history', () => rut().get('/history/task', { processInstanceBusinessKey: c.nr })],
    ['deployments', () => rut().get('/deployment')],
    ['process model', () => rut().get(`/process-definition/${c.definitionId}/xml`)],
    ['decision definitions', () => rut().get('/decision-definition')],
    ['user operation log', () => rut().get('/history/user-operation', { maxResults: 5 })],
  ] as const)('engine REST: %s → 200', async (_namn, call) => {
    expect(await statusOf(call())).toBe(200);
  });

  it('the engine really shows rut the case (not an empty list)', async () => {
    expect(await rut().get<unknown[]>('/process-instance', { businessKey: c.nr })).not.toHaveLength(0);
    expect(await rut().get<unknown[]>('/task', { processInstanceBusinessKey: c.nr })).not.toHaveLength(0);
  });
});

describe('revisor changes nothing', () => {
  it.each([
    ['register a notice', '/api/underrattelser', () => underrattelse()],
    ['register a Kronofogden notice', '/api/kronofogden-meddelanden', () => kronofogdeMeddelande()],
    ['report an event', () => `/api/arenden/${c.nr}/handelser`, () => ({ typ: 'avhysning-installd' })],
    ['mark a letter sent', () => `/api/brev/${c.brevId}/skickad`, () => ({})],
  ] as const)('Bokvar API: %s → 403, by HTTP Basic and by the session with its CSRF token', async (_namn, url, body) => {
    const path = typeof url === 'function' ? url() : url;
    const basic = await ui('POST', path, { user: 'rut', body: body() });
    expect(basic.status).toBe(403);
    expect(basic.type).toContain('application/problem+json');
    const session = await ui('POST', path, { headers: { Cookie: sida.cookie, 'X-CSRF-Token': sida.csrf }, body: body() });
    expect(session.status).toBe(403);
  });

  it('page: the intake form is refused (GET and POST with the CSRF token) → 403', async () => {
    expect((await ui('GET', '/registrera', { headers: { Cookie: sida.cookie, Accept: 'text/html' } })).status).toBe(403);
    const post = await fetch(`${stack().uiUrl}/registrera`, {
      method: 'POST',
      headers: { Cookie: sida.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: sida.csrf,
        kalla: 'hyresvard',
        orsak: 'obetald-hyra',
        'hyresgast.personnummer': '19700101-1233',
        'hyresgast.namn': 'Bertil Ödman',
      }),
      redirect: 'manual',
    });
    expect(post.status).toBe(403);
  });

  it.each([
    ['start a process', () => rut().post('/process-definition/key/hot-om-avhysning/start', { businessKey: 'REVISOR-1' })],
    [
      'correlate a start message',
      () => rut().post('/message', { messageName: 'underrattelse-hot-om-avhysning', businessKey: 'REVISOR-2' }),
    ],
    ['claim a task', () => rut().post(`/task/${c.taskId}/claim`, { userId: 'rut' })],
    ['assign a task', () => rut().post(`/task/${c.taskId}/assignee`, { userId: 'rut' })],
    ['complete a task', () => rut().post(`/task/${c.taskId}/complete`, { variables: {} })],
    ['set a variable', () => rut().put(`/process-instance/${c.pi}/variables/revisorVariabel`, { value: 1, type: 'Integer' })],
    [
      'modify variables',
      () => rut().post(`/process-instance/${c.pi}/variables`, { modifications: { revisorVariabel: { value: 1, type: 'Integer' } } }),
    ],
    ['set a task variable', () => rut().put(`/task/${c.taskId}/variables/revisorVariabel`, { value: 1, type: 'Integer' })],
    ['cancel the instance', () => rut().delete(`/process-instance/${c.pi}`)],
    ['execute a timer job', () => rut().post(`/job/${c.jobId}/execute`)],
    ['move a timer', () => rut().put(`/job/${c.jobId}/duedate`, { duedate: '2030-01-01T00:00:00.000+0000' })],
    [
      'suspend the definition',
      () => rut().put(`/process-definition/${c.definitionId}/suspended`, { suspended: true, includeProcessInstances: false }),
    ],
    [
      'change the history time to live',
      () => rut().put(`/process-definition/${c.definitionId}/history-time-to-live`, { historyTimeToLive: 1 }),
    ],
    ['deploy', () => rut().postMultipart('/deployment/create', deployment())],
    ['delete a deployment', () => rut().delete(`/deployment/${c.deploymentId}`, { cascade: true })],
    ['evaluate a decision', () => rut().post(`/decision-definition/key/${c.decisionKey}/evaluate`, { variables: {} })],
    [
      'create a user',
      () =>
        rut().post('/user/create', {
          profile: { id: 'revisor-intrang', firstName: 'X', lastName: 'Y' },
          credentials: { password: 'hemligt-123-X' },
        }),
    ],
    ['create a group', () => rut().post('/group/create', { id: 'revisor-intrang', name: 'X', type: 'WORKFLOW' })],
    ['join a group', () => rut().put('/group/processagare/members/rut')],
    ['create a filter', () => rut().post('/filter/create', { resourceType: 'Task', name: 'Intrång', query: {}, properties: {} })],
    [
      'grant itself rights',
      () => rut().post('/authorization/create', { type: 1, userId: 'rut', resourceType: 6, resourceId: '*', permissions: ['ALL'] }),
    ],
    ['run the history cleanup', () => rut().post('/history/cleanup?immediatelyDue=true')],
  ] as const)('engine REST: %s → 403', async (_namn, call) => {
    expect(await statusOf(call())).toBe(403);
  });

  it('after every refusal the case is as it was', async () => {
    const admin = engineAsAdmin();
    const [instans] = await admin.get<{ id: string; suspended: boolean }[]>('/process-instance', { processInstanceIds: c.pi });
    expect(instans?.suspended).toBe(false);
    expect((await admin.get<Record<string, unknown>>(`/process-instance/${c.pi}/variables`)).revisorVariabel).toBeUndefined();
    const task = await admin.get<{ assignee: string | null }>(`/task/${c.taskId}`);
    expect(task.assignee).toBeNull();
    expect(await admin.get<unknown[]>('/job', { jobId: c.jobId })).toHaveLength(1);
    expect((await admin.get<{ suspended: boolean }>(`/process-definition/${c.definitionId}`)).suspended).toBe(false);
    expect(await admin.get<unknown[]>('/user', { id: 'revisor-intrang' })).toHaveLength(0);
    expect(await admin.get<unknown[]>('/group', { id: 'revisor-intrang' })).toHaveLength(0);
    expect(await admin.get<unknown[]>('/group', { member: 'rut' })).toEqual([expect.objectContaining({ id: 'revisor' })]);
    expect(await admin.get<unknown[]>('/process-instance', { businessKey: 'REVISOR-2' })).toHaveLength(0);
    expect(await db('arenden').where('registrerad_av', 'rut')).toHaveLength(0);
    expect((await db('brev').where({ id: c.brevId }).first<{ skickad: Date | null }>()).skickad).toBeNull();
  });

  it('logging out is allowed', async () => {
    const egen = await loggaIn('rut');
    const r = await fetch(`${stack().uiUrl}/utloggning`, {
      method: 'POST',
      headers: { Cookie: egen.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: egen.csrf }),
      redirect: 'manual',
    });
    expect(r.status).toBe(303);
    expect((await ui('GET', '/api/arenden', { headers: { Cookie: egen.cookie } })).status).toBe(401);
  });
});
