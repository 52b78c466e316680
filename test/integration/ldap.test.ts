import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineRest } from '../../engine-rest/client.ts';
import type { ProcessInstance, Task } from '../../engine-rest/types.ts';
import { readMotorSettings, readStackConfig, repoRoot } from '../../scripts/config.ts';
import { ensureDatabase, siblingDatabase } from '../../scripts/database.ts';
import { startEngine, type EngineProcess } from '../../scripts/engine-process.ts';
import { FILTERS, provisionFilters } from '../../scripts/filters.ts';
import { GROUPS, provisionIdentity, type IdentityOptions } from '../../scripts/identity.ts';
import { launchChromium } from './support/browser.ts';
import { eventually, stack, statusOf } from './support/engine.ts';
import { deployFixture, fixturesDir } from './support/fixtures.ts';
import { startSlapd, type DirectoryUser, type Slapd } from './support/slapd.ts';

/**
 * Issue #9, identity for real deployments: the engine with the LDAP identity
 * plugin switched on, against a real OpenLDAP (Debian's slapd) seeded with
 * Bokvar's groups. The test starts its own directory and its own engine (with a
 * fresh database on the test stack's PostgreSQL), so the shared stack keeps its
 * own user tables. BOKVAR_TEST_LDAP_PORT and BOKVAR_TEST_LDAP_ENGINE_PORT let two
 * runs share a machine.
 */
const LDAP_PORT = Number(process.env.BOKVAR_TEST_LDAP_PORT ?? 13389);
const ENGINE_PORT = Number(process.env.BOKVAR_TEST_LDAP_ENGINE_PORT ?? 18480);
const dataDir = path.join(process.env.BOKVAR_TEST_DATA_DIR ?? path.join(repoRoot, '.data', 'test'), 'ldap');

// Directory passwords differ from the user ids: nothing here may pass by the demo convention.
const user = (uid: string, givenName: string, sn: string): DirectoryUser => ({ uid, givenName, sn, password: `${uid}-Katalog-7` });
const ADMIN = user('ldap-admin', 'Ada', 'Administratör');
const VERA = user('ldap-vera', 'Vera', 'Katalog');
const BOSSE = user('ldap-bosse', 'Bosse', 'Katalog');
const EVA = user('ldap-eva', 'Eva', 'Katalog');
const STINA = user('ldap-stina', 'Stina', 'Katalog');
const RUT = user('ldap-rut', 'Rut', 'Katalog');
const IDA = user('ldap-ida', 'Ida', 'IT-förvaltning');
const WORKER = user('bokvar-worker', 'Bokvar', 'Workers');
const UI = user('bokvar-ui', 'Bokvar', 'UI');
const ADMIN_GROUP = 'bokvar-admin';

const MEMBERS: Record<(typeof GROUPS)[number]['id'], DirectoryUser[]> = {
  vuxenenheten: [VERA, STINA],
  'barn-och-unga': [BOSSE],
  'ekonomiskt-bistand': [EVA],
  samordnare: [STINA],
  revisor: [RUT],
  processagare: [ADMIN],
};

let slapd: Slapd;
let withoutDirectoryAdmin: string;
let engine: EngineProcess;
let identity: IdentityOptions;
let instance: ProcessInstance;
let vuxenTask: Task;
let barnTask: Task;

const as = (who: DirectoryUser, password = who.password) => new EngineRest(engine.restUrl, { user: who.uid, password });
const admin = () => as(ADMIN);

beforeAll(async () => {
  // Fresh logs: the test reads one for the engine's refusal.
  fs.rmSync(path.join(dataDir, 'logs'), { recursive: true, force: true });
  slapd = await startSlapd({
    port: LDAP_PORT,
    dataDir: path.join(dataDir, 'slapd'),
    suffix: 'dc=kommun,dc=example',
    manager: { cn: 'bokvar-motor', password: 'motorns-Katalog-7' },
    users: [ADMIN, VERA, BOSSE, EVA, STINA, RUT, IDA, WORKER, UI],
    groups: [
      ...GROUPS.map((group) => ({ cn: group.id, description: group.name, members: MEMBERS[group.id].map((u) => u.uid) })),
      { cn: ADMIN_GROUP, description: 'Bokvars administratörer', members: [IDA.uid] },
    ],
    logFile: path.join(dataDir, 'logs', 'slapd.log'),
  });

  // The settings go through the same validation as `npm start`'s.
  const config = readStackConfig({
    BOKVAR_MILJO: 'produktion',
    BOKVAR_ADMIN_USER: ADMIN.uid,
    BOKVAR_ADMIN_PASSWORD: ADMIN.password,
    BOKVAR_WORKER_PASSWORD: WORKER.password,
    BOKVAR_UI_PASSWORD: UI.password,
    BOKVAR_LDAP_ENABLED: 'true',
    BOKVAR_LDAP_URL: slapd.url,
    BOKVAR_LDAP_BASE_DN: 'dc=kommun,dc=example',
    BOKVAR_LDAP_MANAGER_DN: slapd.managerDn,
    BOKVAR_LDAP_MANAGER_PASSWORD: 'motorns-Katalog-7',
    BOKVAR_LDAP_USER_SEARCH_BASE: 'ou=anvandare',
    BOKVAR_LDAP_GROUP_SEARCH_BASE: 'ou=grupper',
    BOKVAR_LDAP_GROUP_NAME_ATTRIBUTE: 'description',
    BOKVAR_LDAP_ADMIN_GROUP: ADMIN_GROUP,
  });
  const databaseUrl = siblingDatabase(stack().databaseUrl, '_ldap_engine');
  const engineWith = async (adminUser: { user: string; password: string }, logFile: string) => {
    await ensureDatabase(databaseUrl, true);
    return startEngine({
      port: ENGINE_PORT,
      databaseUrl,
      readLogDatabaseUrl: stack().databaseUrl,
      admin: adminUser,
      technicalUsers: { worker: WORKER.uid, ui: UI.uid },
      historyTimeToLive: config.historyTimeToLive,
      passwordPolicy: true,
      ldap: config.ldap,
      logFile: path.join(dataDir, 'logs', logFile),
    });
  };
  // First an administrator the directory does not know: the engine must refuse to start.
  withoutDirectoryAdmin = await engineWith({ user: 'demo', password: 'demo' }, 'engine-utan-administrator.log').then(
    async (started) => {
      await started.stop();
      return 'started';
    },
    (error: unknown) => String(error),
  );
  engine = await engineWith(config.admin, 'engine.log');

  identity = { mode: config.mode, admin: config.admin, worker: config.worker, ui: config.ui, directory: true };
  await provisionIdentity(admin(), identity);
  await provisionFilters(admin());
  await deployFixture(path.join(fixturesDir, 'test-ldap-grupper.bpmn'), admin());
  instance = await admin().post<ProcessInstance>('/process-definition/key/test-ldap-grupper/start', { businessKey: 'LDAP-1' });
  const tasks = await eventually('the two tasks', async () => {
    const found = await admin().get<Task[]>('/task', { processInstanceId: instance.id });
    return found.length === 2 ? found : undefined;
  });
  vuxenTask = tasks.find((t) => t.taskDefinitionKey === 'KontaktaHyresgasten')!;
  barnTask = tasks.find((t) => t.taskDefinitionKey === 'BedomBarnensSituation')!;
}, 300_000);

afterAll(async () => {
  await engine?.stop();
  await slapd?.stop();
});

describe("the engine with the municipality's directory (LDAP)", () => {
  it('does not start with an administrator the directory does not know, and says why', () => {
    expect(withoutDirectoryAdmin).toMatch(/Motorn avslutades/);
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'engine-utan-administrator.log'), 'utf8');
    expect(log).toContain("BOKVAR_ADMIN_USER 'demo' finns inte i katalogen (LDAP)");
  });

  it("reads users and Bokvar's groups from the directory", async () => {
    const [vera] = await admin().get<{ id: string; firstName: string; lastName: string; email: string }[]>('/user', { id: VERA.uid });
    expect(vera).toEqual({ id: VERA.uid, firstName: 'Vera', lastName: 'Katalog', email: 'ldap-vera@kommun.example' });
    const groups = await admin().get<{ id: string; name: string }[]>('/group', { member: STINA.uid });
    expect(groups.map((g) => g.id).sort()).toEqual(['samordnare', 'vuxenenheten']);
    expect(groups.find((g) => g.id === 'vuxenenheten')?.name).toBe('Vuxenenheten');
  });

  it('logs a directory user in with the directory password and refuses a wrong one', async () => {
    const verify = (password: string) => as(UI).post<{ authenticated: boolean }>('/identity/verify', { username: VERA.uid, password });
    expect((await verify(VERA.password)).authenticated).toBe(true);
    expect((await verify('fel-losenord')).authenticated).toBe(false);
    expect(await statusOf(as(VERA).get('/task'))).toBe(200);
    expect(await statusOf(as(VERA, 'fel-losenord').get('/task'))).toBe(401);
    // A user id alone is no login, whatever the directory allows anonymously.
    expect(await statusOf(as(VERA, '').get('/task'))).toBe(401);
  });

  it("gives the UI a directory user's groups, as at a Bokvar UI login", async () => {
    const asked = async (caller: DirectoryUser, userId: string) =>
      (await as(caller).get<{ groups: { id: string }[] }>('/identity/groups', { userId })).groups.map((g) => g.id).sort();
    expect(await asked(UI, VERA.uid)).toEqual(['vuxenenheten']);
    expect(await asked(UI, STINA.uid)).toEqual(['samordnare', 'vuxenenheten']);
    expect(await asked(VERA, VERA.uid)).toEqual(['vuxenenheten']);
  });

  it("lists a caseworker's group tasks and none of another group's", async () => {
    const ids = (tasks: Task[]) => tasks.map((t) => t.id);
    const veras = ids(await as(VERA).get<Task[]>('/task', { processInstanceId: instance.id }));
    expect(veras).toEqual([vuxenTask.id]);
    expect(ids(await as(VERA).get<Task[]>('/task', { candidateGroup: 'vuxenenheten' }))).toEqual([vuxenTask.id]);
    expect(ids(await as(VERA).get<Task[]>('/task', { withCandidateGroups: true, processInstanceId: instance.id }))).toEqual([vuxenTask.id]);
    expect(await as(VERA).get<Task[]>('/task', { candidateGroup: 'barn-och-unga' })).toEqual([]);
    expect(ids(await as(BOSSE).get<Task[]>('/task', { processInstanceId: instance.id }))).toEqual([barnTask.id]);

    // Tasklist's "Min grupp": the filter asks for ${currentUserGroups()}, which come from the directory.
    const minGrupp = async (who: DirectoryUser) => {
      const [filter] = await as(who).get<{ id: string }[]>('/filter', { resourceType: 'Task', name: 'Min grupp' });
      return ids(await as(who).post<Task[]>(`/filter/${filter!.id}/list`, {}));
    };
    expect(await minGrupp(VERA)).toEqual([vuxenTask.id]);
    expect(await minGrupp(BOSSE)).toEqual([barnTask.id]);
  });

  it("grants every permission to the administrator and the directory's administrator group only", async () => {
    expect((await as(IDA).get<unknown[]>('/deployment')).length).toBeGreaterThan(0);
    expect(await as(VERA).get<unknown[]>('/deployment')).toEqual([]);
    const grantHerself = { type: 1, userId: VERA.uid, resourceType: 9, resourceId: '*', permissions: ['ALL'] };
    expect(await statusOf(as(VERA).post('/authorization/create', grantHerself))).toBe(403);
  });

  it("is read-only: users, groups and memberships are the directory's", async () => {
    const newUser = {
      profile: { id: 'ny-handlaggare', firstName: 'Ny', lastName: 'Person' },
      credentials: { password: 'Hemligt-lösen-1' },
    };
    expect(await statusOf(admin().post('/user/create', newUser))).toBe(403);
    expect(await statusOf(admin().post('/group/create', { id: 'ny-grupp', name: 'Ny grupp', type: 'WORKFLOW' }))).toBe(403);
    expect(await statusOf(admin().put(`/group/barn-och-unga/members/${VERA.uid}`))).toBe(403);
  });

  it('provisioning again changes nothing, and it stops naming what the directory lacks', async () => {
    await provisionIdentity(admin(), identity);
    expect(await provisionFilters(admin())).toEqual(await provisionFilters(admin()));
    await expect(provisionIdentity(admin(), { ...identity, worker: { user: 'bokvar-worker-saknas', password: 'x' } })).rejects.toThrow(
      /Katalogen \(LDAP\) saknar användaren bokvar-worker-saknas/,
    );
  });
});

describe('Tasklist with a directory user', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('logs vera in with her directory password and shows her group\'s task in "Min grupp"', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const page = await context.newPage();
    await page.goto(`${engine.baseUrl}${readMotorSettings().webappPath}/app/tasklist/`);
    await page.getByPlaceholder('Användarnamn').fill(VERA.uid);
    await page.getByPlaceholder('Lösenord').fill(VERA.password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.locator('.task-filter').first().waitFor();
    const names = await page
      .locator('.task-filter h4.name a')
      .evaluateAll((links) => links.map((a) => a.firstChild?.textContent?.trim() ?? ''));
    expect(names).toEqual(FILTERS.filter((f) => f.groups.includes('vuxenenheten')).map((f) => f.name));
    await page.locator('.task-filter', { hasText: 'Min grupp' }).click();
    await page.locator('li.task', { hasText: 'Kontakta hyresgästen' }).waitFor();
    expect(await page.locator('ol.tasks-list').textContent()).not.toContain('Bedöm barnens situation');
    await context.close();
  });
});
