import { createHash } from 'node:crypto';
import { ENHETER, type Enhet } from '../domain/enheter.ts';
import type { ProcessKey } from '../domain/processer.ts';
import { ZON } from '../domain/svensk-tid.ts';
import type { EngineRest } from '../engine-rest/client.ts';

/**
 * The caseworkers' Tasklist filters, created at every start so that a new
 * caseworker finds them on first login. A filter is found by name; its
 * definition carries a fingerprint, so a changed definition here updates the
 * stored filter and an unchanged one is left alone. Each filter is readable
 * only by the groups it serves (READ on the Filter resource, type 5).
 *
 * Which tasks a user sees inside a filter is still decided by the engine's task
 * authorizations: a candidate group's members and the assignee may read a task,
 * nobody else. The date filters therefore need no group criterion of their own.
 *
 * Task list columns come from process variables the intake and the models set
 * (documented in README, "Tasklist"):
 *  - arendenummer        String  the case number (the process business key)
 *  - hyresgastInitialer  String  the tenant's initials, e.g. "B.Ö." — never the personnummer
 *  - nastaFrist          Date    the next legal deadline of the case
 * The process name is shown by Tasklist itself on every task.
 */

// Stockholm's calendar day, whatever zone the engine's JVM runs in (UTC):
// Joda's static DateTimeZone.forID is reached through an instance, as JUEL has
// no static calls.
const STOCKHOLM = `dateTime().getZone().forID('${ZON}')`;
const todayStart = `dateTime().withZone(${STOCKHOLM}).withTimeAtStartOfDay()`;
const dayOfWeek = `dateTime().withZone(${STOCKHOLM}).getDayOfWeek()`;

/**
 * The start of the day after the third working day from today (Monday–Friday;
 * Joda: 1 = Monday … 7 = Sunday). Mon/Tue → +4 days (Fri/Sat 00:00), Wed–Fri →
 * +6 (the weekend in between), Sat → +5, Sun → +4. Public holidays are not
 * known to a static expression: in a week with a röd dag the window ends one
 * working day early — the tasks are then already in "Förfaller idag" or the
 * next day's list, never lost.
 */
export const THREE_WORKING_DAYS_END = `\${${todayStart}.plusDays(${dayOfWeek} <= 2 ? 4 : (${dayOfWeek} <= 5 ? 6 : (${dayOfWeek} == 6 ? 5 : 4))).toDate()}`;

const byDueDate = [{ sortBy: 'dueDate', sortOrder: 'asc' }];
const byFollowUpDate = [{ sortBy: 'followUpDate', sortOrder: 'asc' }];

export const LIST_VARIABLES = [
  { name: 'arendenummer', label: 'Ärende' },
  { name: 'hyresgastInitialer', label: 'Hyresgäst' },
  { name: 'nastaFrist', label: 'Nästa frist' },
];

const CASEWORKERS: Enhet[] = [...ENHETER];

export interface FilterDefinition {
  name: string;
  description: string;
  /** Tasklist orders filters by priority, lowest first. */
  priority: number;
  color: string;
  query: Record<string, unknown>;
  /** Groups that get READ on the filter. */
  groups: Enhet[];
}

export const FILTERS: FilterDefinition[] = [
  {
    name: 'Mina uppgifter',
    description: 'Uppgifter som är tilldelade mig och inte väntar på svar, de som förfaller först överst',
    priority: 10,
    color: '#1f6feb',
    // A task I have taken and that waits on someone else (its follow-up date is
    // still ahead) rests in "Väntar på svar" until that date; deadlines still
    // show it in the date filters.
    query: { assigneeExpression: '${currentUser()}', followUpBeforeOrNotExistentExpression: '${now()}', sorting: byDueDate },
    groups: CASEWORKERS,
  },
  {
    name: 'Min grupp',
    description: 'Otilldelade uppgifter för mina grupper, de som förfaller först överst',
    priority: 20,
    color: '#8250df',
    // Every unassigned task, follow-up date or not: until someone takes it, the
    // question to the landlord or tenant has not been asked.
    query: { candidateGroupsExpression: '${currentUserGroups()}', unassigned: true, sorting: byDueDate },
    groups: CASEWORKERS,
  },
  {
    name: 'Väntar på svar',
    description:
      'Uppgifter som väntar på någon annan (hyresvärden, hyresgästen, ett bokat hembesök) till sitt uppföljningsdatum, det närmaste överst',
    priority: 25,
    color: '#6e7781',
    query: { followUpAfterExpression: '${now()}', sorting: byFollowUpDate },
    groups: CASEWORKERS,
  },
  {
    name: 'Förfaller idag',
    description: 'Uppgifter med förfallodag i dag (svensk tid)',
    priority: 30,
    color: '#d29922',
    query: {
      // Strictly after midnight: a day's deadline ends at 23:59:59.999 (frister),
      // and one due at 00:00 has passed with the day before (Förfallna).
      dueAfterExpression: `\${${todayStart}.toDate()}`,
      dueBeforeExpression: `\${${todayStart}.plusDays(1).toDate()}`,
      sorting: byDueDate,
    },
    groups: CASEWORKERS,
  },
  {
    name: 'Förfaller inom 3 arbetsdagar',
    description: 'Uppgifter som förfaller i dag eller inom de tre närmaste arbetsdagarna (helgdagar räknas inte bort)',
    priority: 40,
    color: '#bf8700',
    query: { dueAfterExpression: '${now()}', dueBeforeExpression: THREE_WORKING_DAYS_END, sorting: byDueDate },
    groups: CASEWORKERS,
  },
  {
    name: 'Förfallna',
    description: 'Uppgifter vars förfallotid har passerat',
    priority: 50,
    color: '#cf222e',
    query: { dueBeforeExpression: '${now()}', sorting: byDueDate },
    groups: CASEWORKERS,
  },
  {
    name: 'Barnfamiljer',
    description: 'Ärenden där barn berörs',
    priority: 60,
    color: '#1a7f37',
    // Set by the models as soon as any source shows children (folkbokföringen,
    // the reporter, the landlord or the caseworker) and passed to every called process.
    query: { processVariables: [{ name: 'barnOchUngaInvolverade', operator: 'eq', value: true }], sorting: byDueDate },
    groups: ['vuxenenheten', 'barn-och-unga', 'samordnare'],
  },
  {
    name: 'Kronofogden',
    description: 'Ärenden där Kronofogden har underrättat om avhysning',
    priority: 70,
    color: '#57606a',
    query: { processDefinitionKey: 'kronofogden-avhysning' satisfies ProcessKey, sorting: byDueDate },
    groups: CASEWORKERS,
  },
  {
    name: 'Väntar på samtycke',
    description: 'Ärenden där hyresgästens samtycke ska inhämtas innan arbetet kan fortsätta',
    priority: 80,
    color: '#0969da',
    query: { taskDefinitionKey: 'InhamtaSamtycke', sorting: byDueDate },
    groups: ['vuxenenheten', 'samordnare'],
  },
];

const FILTER_RESOURCE = 5;
const GRANT = 1;

interface StoredFilter {
  id: string;
  name: string;
  properties: Record<string, unknown> | null;
}

export function filterBody(definition: FilterDefinition) {
  const properties = {
    description: definition.description,
    priority: definition.priority,
    color: definition.color,
    refresh: true,
    variables: LIST_VARIABLES,
    showUndefinedVariable: false,
  };
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ query: definition.query, properties }))
    .digest('hex')
    .slice(0, 16);
  return {
    resourceType: 'Task',
    name: definition.name,
    owner: null,
    query: definition.query,
    properties: { ...properties, bokvarDefinition: fingerprint },
  };
}

/** Returns the filters' ids by name. */
export async function provisionFilters(engine: EngineRest, filters: FilterDefinition[] = FILTERS): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const definition of filters) {
    const body = filterBody(definition);
    const [existing, ...duplicates] = await engine.get<StoredFilter[]>('/filter', {
      resourceType: 'Task',
      name: definition.name,
      sortBy: 'filterId',
      sortOrder: 'asc',
    });
    let id: string;
    if (!existing) {
      id = (await engine.post<{ id: string }>('/filter/create', body)).id;
    } else {
      id = existing.id;
      if (existing.properties?.bokvarDefinition !== body.properties.bokvarDefinition) {
        await engine.put(`/filter/${id}`, body);
      }
    }
    // Two starts racing could each create one; the oldest wins.
    for (const duplicate of duplicates) await engine.delete(`/filter/${duplicate.id}`);
    await grantRead(engine, id, definition.groups);
    ids[definition.name] = id;
  }
  // Earlier versions let every caseworker read every filter ('*'); each filter
  // now names its groups, so the blanket grant goes.
  for (const groupId of CASEWORKERS) {
    const blanket = await engine.get<{ id: string }[]>('/authorization', {
      groupIdIn: groupId,
      type: GRANT,
      resourceType: FILTER_RESOURCE,
      resourceId: '*',
    });
    for (const grant of blanket) await engine.delete(`/authorization/${grant.id}`);
  }
  return ids;
}

async function grantRead(engine: EngineRest, filterId: string, groups: string[]): Promise<void> {
  const existing = await engine.get<{ id: string; groupId: string | null; permissions: string[] }[]>('/authorization', {
    type: GRANT,
    resourceType: FILTER_RESOURCE,
    resourceId: filterId,
  });
  for (const groupId of groups) {
    if (existing.some((a) => a.groupId === groupId && a.permissions.includes('READ'))) continue;
    await engine.post('/authorization/create', {
      type: GRANT,
      groupId,
      resourceType: FILTER_RESOURCE,
      resourceId: filterId,
      permissions: ['READ'],
    });
  }
  // A group taken off the definition loses the filter.
  for (const grant of existing) {
    if (grant.groupId && !groups.includes(grant.groupId)) await engine.delete(`/authorization/${grant.id}`);
  }
}
