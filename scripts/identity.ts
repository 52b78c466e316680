import { ENHETER } from '../domain/enheter.ts';
import { ENHETSNAMN } from '../domain/etiketter.ts';
import { TASKLISTPROCESSER } from '../domain/processer.ts';
import type { EngineRest } from '../engine-rest/client.ts';

/**
 * Who may do what in the engine. Groups are Bokvar's units and roles; the
 * authorizations give each the least it needs. Applied at every start, so a
 * change here is a change in every environment.
 */
export const GROUPS = [
  ...ENHETER.map((id) => ({ id, name: ENHETSNAMN[id] })),
  { id: 'revisor', name: 'Revisorer (endast läsbehörighet)' },
  { id: 'processagare', name: 'Processägare' },
] as const;

export type GroupId = (typeof GROUPS)[number]['id'];

/** Development only: documented demo logins (password = user id). */
export const DEMO_USERS: { id: string; firstName: string; lastName: string; groups: GroupId[] }[] = [
  { id: 'vera', firstName: 'Vera', lastName: 'Vuxenenheten', groups: ['vuxenenheten'] },
  { id: 'bosse', firstName: 'Bosse', lastName: 'Barn och unga', groups: ['barn-och-unga'] },
  { id: 'eva', firstName: 'Eva', lastName: 'Ekonomiskt bistånd', groups: ['ekonomiskt-bistand'] },
  { id: 'stina', firstName: 'Stina', lastName: 'Samordnare', groups: ['samordnare', 'vuxenenheten'] },
  { id: 'rut', firstName: 'Rut', lastName: 'Revisor', groups: ['revisor'] },
  { id: 'petra', firstName: 'Petra', lastName: 'Processägare', groups: ['processagare'] },
];

// Camunda's resource type numbers (org.camunda.bpm.engine.authorization.Resources, 7.24).
const RESOURCE = {
  application: 0,
  filter: 5,
  processDefinition: 6,
  task: 7,
  processInstance: 8,
  deployment: 9,
  decisionDefinition: 10,
  decisionRequirementsDefinition: 14,
  operationLogCategory: 17,
  historicTask: 19,
  historicProcessInstance: 20,
  user: 1,
  group: 2,
} as const;

interface Grant {
  resourceType: number;
  resourceId: string;
  permissions: string[];
}

const apps = (...ids: string[]): Grant[] =>
  ids.map((id) => ({ resourceType: RESOURCE.application, resourceId: id, permissions: ['ACCESS'] }));

const CASEWORKER: Grant[] = [
  ...apps('tasklist', 'welcome'),
  // Filters are granted one by one to the groups they serve (scripts/filters.ts).
  // Tasks are granted per candidate group by the engine's identity-link authorizations.
  { resourceType: RESOURCE.processDefinition, resourceId: '*', permissions: ['READ'] },
  // Tasklist's "Starta process": the processes a caseworker starts by hand, and nothing else
  // (cases themselves start by message from the intake).
  ...TASKLISTPROCESSER.map((key) => ({ resourceType: RESOURCE.processDefinition, resourceId: key, permissions: ['CREATE_INSTANCE'] })),
  { resourceType: RESOURCE.processInstance, resourceId: '*', permissions: ['CREATE'] },
];

export const GROUP_GRANTS: Record<GroupId, Grant[]> = {
  vuxenenheten: CASEWORKER,
  'barn-och-unga': CASEWORKER,
  'ekonomiskt-bistand': CASEWORKER,
  samordnare: CASEWORKER,
  // The auditor sees in the engine how the processes run (definitions, instances,
  // tasks, incidents, operation log) but no variable values: a case's data reaches
  // the auditor only through Bokvar's purpose-bound, logged pages (docs/loggkontroll.md).
  // With enforceSpecificVariablePermission (engine/…/application.yaml), none of these
  // permissions reads a variable.
  revisor: [
    ...apps('cockpit', 'welcome'),
    {
      resourceType: RESOURCE.processDefinition,
      resourceId: '*',
      permissions: ['READ', 'READ_INSTANCE', 'READ_HISTORY', 'READ_TASK'],
    },
    { resourceType: RESOURCE.processInstance, resourceId: '*', permissions: ['READ'] },
    { resourceType: RESOURCE.task, resourceId: '*', permissions: ['READ'] },
    { resourceType: RESOURCE.historicTask, resourceId: '*', permissions: ['READ'] },
    { resourceType: RESOURCE.historicProcessInstance, resourceId: '*', permissions: ['READ'] },
    { resourceType: RESOURCE.deployment, resourceId: '*', permissions: ['READ'] },
    { resourceType: RESOURCE.decisionDefinition, resourceId: '*', permissions: ['READ', 'READ_HISTORY'] },
    { resourceType: RESOURCE.decisionRequirementsDefinition, resourceId: '*', permissions: ['READ'] },
    { resourceType: RESOURCE.operationLogCategory, resourceId: '*', permissions: ['READ'] },
  ],
  // Diagrams, versions, deployments, instance counts and the heat map, incidents and
  // job retries; no variable values (no READ_INSTANCE_VARIABLE, READ_HISTORY_VARIABLE
  // or task variables). Filters: only those it creates itself (the owner's rights).
  processagare: [
    ...apps('cockpit', 'tasklist', 'welcome'),
    { resourceType: RESOURCE.deployment, resourceId: '*', permissions: ['CREATE', 'READ', 'DELETE'] },
    {
      resourceType: RESOURCE.processDefinition,
      resourceId: '*',
      permissions: ['READ', 'UPDATE', 'DELETE', 'SUSPEND', 'READ_INSTANCE', 'READ_HISTORY', 'RETRY_JOB'],
    },
    { resourceType: RESOURCE.processInstance, resourceId: '*', permissions: ['READ'] },
    { resourceType: RESOURCE.decisionDefinition, resourceId: '*', permissions: ['READ', 'UPDATE', 'READ_HISTORY'] },
    { resourceType: RESOURCE.decisionRequirementsDefinition, resourceId: '*', permissions: ['READ'] },
    { resourceType: RESOURCE.filter, resourceId: '*', permissions: ['CREATE'] },
  ],
};

/**
 * The external-task workers: fetch, lock, complete, fail; read the variables of
 * the case's other instances (hitta-arende, lanka-arenden, dela-frister, dela-barn:
 * READ_INSTANCE_VARIABLE); for dela-frister, move the timers (UPDATE_INSTANCE)
 * and the due dates of open tasks (READ_TASK, UPDATE_TASK) that rest on a
 * recomputed deadline; for folkbokforing, find a protected tenant's address in
 * the case's history and remove it (READ_HISTORY, READ_HISTORY_VARIABLE,
 * DELETE_HISTORY; docs/skyddad-identitet.md) — nothing else. Their reads through
 * the engine are logged as a technical user's (docs/loggkontroll.md).
 */
export const WORKER_GRANTS: Grant[] = [
  {
    resourceType: RESOURCE.processDefinition,
    resourceId: '*',
    permissions: [
      'READ',
      'READ_INSTANCE',
      'READ_INSTANCE_VARIABLE',
      'UPDATE_INSTANCE',
      'READ_TASK',
      'UPDATE_TASK',
      'READ_HISTORY',
      'READ_HISTORY_VARIABLE',
      'DELETE_HISTORY',
    ],
  },
];

/**
 * The Bokvar UI's technical user: reads cases for its viewer (Bokvar filters by
 * unit itself and logs each read with the real user), starts cases by message,
 * correlates later events, and looks up users' groups when they log in. It may
 * not complete tasks or deploy.
 */
export const UI_GRANTS: Grant[] = [
  {
    resourceType: RESOURCE.processDefinition,
    resourceId: '*',
    permissions: [
      'READ',
      'READ_INSTANCE',
      'READ_INSTANCE_VARIABLE',
      'READ_HISTORY',
      'READ_HISTORY_VARIABLE',
      'CREATE_INSTANCE',
      'UPDATE_INSTANCE',
    ],
  },
  { resourceType: RESOURCE.processInstance, resourceId: '*', permissions: ['READ', 'CREATE', 'UPDATE'] },
  { resourceType: RESOURCE.historicProcessInstance, resourceId: '*', permissions: ['READ'] },
  { resourceType: RESOURCE.task, resourceId: '*', permissions: ['READ'] },
  { resourceType: RESOURCE.historicTask, resourceId: '*', permissions: ['READ'] },
  { resourceType: RESOURCE.deployment, resourceId: '*', permissions: ['READ'] },
  { resourceType: RESOURCE.user, resourceId: '*', permissions: ['READ'] },
  { resourceType: RESOURCE.group, resourceId: '*', permissions: ['READ'] },
];

export interface IdentityOptions {
  mode: 'utveckling' | 'produktion';
  admin: { user: string; password: string };
  worker: { user: string; password: string };
  ui: { user: string; password: string };
  /**
   * The municipality's directory is the identity service (docs/ldap.md): users, groups,
   * memberships and passwords are the directory's, and the engine cannot write them.
   * Bokvar then only checks that its groups and technical users are there and grants
   * the authorizations; no demo users.
   */
  directory?: boolean;
}

/** Members read their own group (the engine grants this itself when it creates a group). */
const ownGroup = (groupId: string): Grant => ({ resourceType: RESOURCE.group, resourceId: groupId, permissions: ['READ'] });

export async function provisionIdentity(engine: EngineRest, options: IdentityOptions): Promise<void> {
  if (options.directory) {
    await requireFromDirectory(engine, options);
  } else {
    for (const group of GROUPS) await ensureGroup(engine, group.id, group.name);
    await ensureUser(engine, options.admin, { id: options.worker.user, firstName: 'Bokvar', lastName: 'Workers' }, options.worker.password);
    await ensureUser(engine, options.admin, { id: options.ui.user, firstName: 'Bokvar', lastName: 'UI' }, options.ui.password);
    await ensureMembership(engine, 'processagare', options.admin.user);
    if (options.mode === 'utveckling') {
      for (const user of DEMO_USERS) {
        await ensureUser(engine, options.admin, user, user.id);
        for (const group of user.groups) await ensureMembership(engine, group, user.id);
      }
    }
  }
  for (const group of GROUPS) {
    for (const grant of [...GROUP_GRANTS[group.id], ownGroup(group.id)]) await ensureGrant(engine, { groupId: group.id }, grant);
  }
  for (const grant of WORKER_GRANTS) await ensureGrant(engine, { userId: options.worker.user }, grant);
  for (const grant of UI_GRANTS) await ensureGrant(engine, { userId: options.ui.user }, grant);
  await grantVariablesOnOpenTasks(engine);
}

/**
 * The engine gives a task's candidate groups and assignee READ_VARIABLE with the
 * task since it enforces variable permissions. Tasks created before carry grants
 * without it, and Tasklist would show their forms empty: add it to those, once.
 * Grants on every task ('*') are roles' and stay as GROUP_GRANTS says.
 */
async function grantVariablesOnOpenTasks(engine: EngineRest): Promise<void> {
  const grants = await engine.getAll<{
    id: string;
    userId: string | null;
    groupId: string | null;
    resourceId: string;
    permissions: string[];
  }>('/authorization', { type: 1, resourceType: RESOURCE.task });
  for (const g of grants) {
    if (g.resourceId === '*' || !g.permissions.includes('READ') || g.permissions.includes('READ_VARIABLE') || g.permissions.includes('ALL'))
      continue;
    await engine.put(`/authorization/${g.id}`, {
      type: 1,
      ...(g.groupId ? { groupId: g.groupId } : { userId: g.userId }),
      resourceType: RESOURCE.task,
      resourceId: g.resourceId,
      permissions: [...g.permissions, 'READ_VARIABLE'],
    });
  }
}

/**
 * Bokvar's models name its groups as candidate groups: a group missing from the directory
 * would leave its tasks unseen, and without the technical users nothing runs. Stops with
 * every missing name rather than starting half-working.
 */
async function requireFromDirectory(engine: EngineRest, options: IdentityOptions): Promise<void> {
  const missing: string[] = [];
  for (const group of GROUPS) {
    if ((await engine.get<unknown[]>('/group', { id: group.id })).length === 0) missing.push(`gruppen ${group.id}`);
  }
  for (const user of [options.worker.user, options.ui.user]) {
    if ((await engine.get<unknown[]>('/user', { id: user })).length === 0) missing.push(`användaren ${user}`);
  }
  if (missing.length > 0) {
    throw new Error(`Katalogen (LDAP) saknar ${missing.join(', ')}; se docs/ldap.md`);
  }
}
async function ensureGroup(engine: EngineRest, id: string, name: string): Promise<void> {
  const existing = await engine.get<unknown[]>('/group', { id });
  if (existing.length === 0) await engine.post('/group/create', { id, name, type: 'WORKFLOW' });
}

async function ensureUser(
  engine: EngineRest,
  admin: { password: string },
  profile: { id: string; firstName: string; lastName: string },
  password: string,
): Promise<void> {
  const existing = await engine.get<unknown[]>('/user', { id: profile.id });
  if (existing.length === 0) {
    await engine.post('/user/create', {
      profile: { id: profile.id, firstName: profile.firstName, lastName: profile.lastName },
      credentials: { password },
    });
    return;
  }
  // Keeps the password in step with the environment, so rotating it is a restart.
  await engine.put(`/user/${encodeURIComponent(profile.id)}/credentials`, {
    password,
    authenticatedUserPassword: admin.password,
  });
}

async function ensureMembership(engine: EngineRest, groupId: string, userId: string): Promise<void> {
  const members = await engine.get<unknown[]>('/user', { id: userId, memberOfGroup: groupId });
  if (members.length === 0) {
    await engine.put(`/group/${encodeURIComponent(groupId)}/members/${encodeURIComponent(userId)}`);
  }
}

async function ensureGrant(engine: EngineRest, who: { groupId: string } | { userId: string }, grant: Grant): Promise<void> {
  const query = 'groupId' in who ? { groupIdIn: who.groupId } : { userIdIn: who.userId };
  const existing = await engine.get<{ id: string; permissions: string[] }[]>('/authorization', {
    ...query,
    type: 1,
    resourceType: grant.resourceType,
    resourceId: grant.resourceId,
  });
  const body = { type: 1, ...who, resourceType: grant.resourceType, resourceId: grant.resourceId, permissions: grant.permissions };
  const current = existing[0];
  if (!current) {
    await engine.post('/authorization/create', body);
  } else if ([...current.permissions].sort().join() !== [...grant.permissions].sort().join()) {
    await engine.put(`/authorization/${current.id}`, body);
  }
}
