import { describe, expect, it } from 'vitest';
import { engineAs, engineAsAdmin, stack, statusOf } from './support/engine.ts';
import { webappLogin as login } from './support/webapp.ts';

const webappLogin = async (app: 'tasklist' | 'cockpit', user: string, password = user) => (await login(app, user, password)).status;

describe('the engine refuses anonymous and unauthorised callers', () => {
  it('answers 401 to an anonymous REST request', async () => {
    // when
    const response = await fetch(`${stack().engineRestUrl}/process-definition`);
    // then
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  // The engine throttles a user after a failed login, so wrong passwords use users no other test needs.
  it('answers 401 to a wrong password', async () => {
    expect(await statusOf(engineAs('eva', 'fel-losenord').get('/process-definition'))).toBe(401);
  });

  it('lets the admin read the deployed models', async () => {
    const definitions = await engineAsAdmin().get<{ key: string }[]>('/process-definition', { latestVersion: true });
    expect(definitions.map((d) => d.key)).toContain('kronofogden-avhysning');
  });

  it('gives the worker user no more than external-task work', async () => {
    const { user, password } = stack().worker;
    const worker = engineAs(user, password);
    // then: it can see tasks to fetch …
    expect(await statusOf(worker.get('/external-task'))).toBe(200);
    // … but cannot deploy, start cases or manage users
    const deploy = new FormData();
    deploy.set('deployment-name', 'intrang');
    deploy.append('x.bpmn', new Blob(['<x/>']), 'x.bpmn');
    expect(await statusOf(worker.postMultipart('/deployment/create', deploy))).toBe(403);
    expect(await statusOf(worker.post('/process-definition/key/kronofogden-avhysning/start', {}))).toBe(403);
    expect(await statusOf(worker.post('/group/create', { id: 'x', name: 'x' }))).toBe(403);
  });

  it('keeps the auditor read-only', async () => {
    const auditor = engineAs('rut');
    expect(await statusOf(auditor.get('/history/process-instance'))).toBe(200);
    expect(await statusOf(auditor.post('/process-definition/key/kronofogden-avhysning/start', {}))).toBe(403);
  });

  it('has the groups Bokvar is organised in', async () => {
    const groups = await engineAsAdmin().get<{ id: string }[]>('/group');
    expect(groups.map((g) => g.id)).toEqual(
      expect.arrayContaining(['vuxenenheten', 'barn-och-unga', 'ekonomiskt-bistand', 'samordnare', 'revisor', 'processagare']),
    );
  });
});

describe('demo logins in the webapps', () => {
  it('lets a caseworker into Tasklist but not into Cockpit', async () => {
    expect(await webappLogin('tasklist', 'vera')).toBe(200);
    expect(await webappLogin('cockpit', 'vera')).toBe(403);
  });

  it('lets the auditor and the admin into Cockpit', async () => {
    expect(await webappLogin('cockpit', 'rut')).toBe(200);
    expect(await webappLogin('cockpit', stack().admin.user, stack().admin.password)).toBe(200);
  });

  it('refuses a wrong password', async () => {
    expect(await webappLogin('tasklist', 'bosse', 'fel')).toBe(401);
  });
});
