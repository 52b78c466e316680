import path from 'node:path';
import knex, { type Knex } from 'knex';
import { pino } from 'pino';
import { kontrollsiffra } from '../../../domain/personnummer.ts';
import type { ExternalTask, Incident, ProcessInstance, Task, VariableValue } from '../../../engine-rest/types.ts';
import type { TopicContext } from '../../../workers/topic.ts';
import { engineAs, engineAsAdmin, eventually, stack, uniqueCaseNumber } from './engine.ts';
import { deployFixture, fixturesDir } from './fixtures.ts';

/** Helpers for the consent register's tests: fixtures, form values as Tasklist sends them, the register's tables. */

export async function deploySamtyckeFixtures(): Promise<void> {
  for (const name of ['registrera', 'kontroll', 'aterkalla']) {
    await deployFixture(path.join(fixturesDir, `test-samtycke-${name}.bpmn`));
  }
}

let serial = 0;
/** A valid personnummer no other test uses, so that each test has a register of its own. */
export function nyHyresgast(): { personnummer: string; namn: string } {
  serial += 1;
  const yymmdd = `${String(40 + Math.floor(Math.random() * 60))}${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;
  const lopnummer = String((Date.now() + serial * 7919) % 1000).padStart(3, '0');
  const nio = yymmdd + lopnummer;
  return { personnummer: `19${yymmdd}-${lopnummer}${kontrollsiffra(nio)}`, namn: `Test Testsson ${serial}` };
}

export const normalised = (personnummer: string) => personnummer.replace('-', '');

/** A form value as Tasklist sends it: lists and objects as Json, the rest as they are. */
export function formValues(values: Record<string, unknown>): Record<string, VariableValue> {
  const result: Record<string, VariableValue> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === null) result[name] = { value: null, type: 'Null' };
    else if (typeof value === 'object') result[name] = { value: JSON.stringify(value), type: 'Json' };
    else if (typeof value === 'boolean') result[name] = { value, type: 'Boolean' };
    else result[name] = { value, type: 'String' };
  }
  return result;
}

export async function startWithTenant(
  key: string,
  hyresgast: { personnummer: string; namn: string },
  businessKey = uniqueCaseNumber('SAMTYCKE'),
): Promise<ProcessInstance> {
  return engineAsAdmin().post<ProcessInstance>(`/process-definition/key/${key}/start`, {
    businessKey,
    variables: formValues({ hyresgast }),
  });
}

/** A caseworker claims the instance's form task and completes it with what the form captured. */
export async function completeForm(instanceId: string, values: Record<string, unknown>, user = 'vera'): Promise<void> {
  const engine = engineAs(user);
  const [task] = await eventually('the form task', () => engine.get<Task[]>('/task', { processInstanceId: instanceId }));
  await engine.post(`/task/${task!.id}/claim`, { userId: user });
  await engine.post(`/task/${task!.id}/complete`, { variables: formValues(values) });
}

export async function finished(instanceId: string): Promise<void> {
  await eventually('the instance to finish', async () => {
    const incidents = await engineAsAdmin().get<Incident[]>('/incident', { processInstanceId: instanceId });
    if (incidents.length > 0) throw new Error(`Incident instead of completion: ${incidents[0]!.incidentMessage}`);
    const instance = await engineAsAdmin().get<{ state: string }>(`/history/process-instance/${instanceId}`);
    return instance.state === 'COMPLETED' ? true : undefined;
  });
}

export async function historicVariable<T>(instanceId: string, name: string): Promise<T> {
  const [variable] = await engineAsAdmin().get<{ value: T; type: string }[]>('/history/variable-instance', {
    processInstanceId: instanceId,
    variableName: name,
    deserializeValues: false,
  });
  if (!variable) throw new Error(`No variable ${name}`);
  return (variable.type === 'Json' && typeof variable.value === 'string' ? JSON.parse(variable.value) : variable.value) as T;
}

export async function variables(instanceId: string): Promise<Record<string, unknown>> {
  const raw = await engineAsAdmin().get<Record<string, { value: unknown; type: string }>>(`/process-instance/${instanceId}/variables`, {
    deserializeValues: false,
  });
  return Object.fromEntries(
    Object.entries(raw).map(([name, v]) => [name, v.type === 'Json' && typeof v.value === 'string' ? JSON.parse(v.value) : v.value]),
  );
}

/** Registers a consent through the form task and the worker; returns the new record's id. */
export async function registreraSamtycke(
  hyresgast: { personnummer: string; namn: string },
  form: Record<string, unknown>,
): Promise<string> {
  const instance = await startWithTenant('test-samtycke-registrera', hyresgast);
  await completeForm(instance.id, form);
  await finished(instance.id);
  return historicVariable<string>(instance.id, 'samtyckeId');
}

export async function aterkallaSamtycke(
  hyresgast: { personnummer: string; namn: string },
  form: Record<string, unknown>,
): Promise<{ aterkallelseId: string; aterkalladeSamtycken: string[] }> {
  const instance = await startWithTenant('test-samtycke-aterkalla', hyresgast);
  await completeForm(instance.id, form);
  await finished(instance.id);
  return {
    aterkallelseId: await historicVariable<string>(instance.id, 'aterkallelseId'),
    aterkalladeSamtycken: await historicVariable<string[]>(instance.id, 'aterkalladeSamtycken'),
  };
}

export interface Kontrollutfall {
  /** The task the gateway chose on the first check. */
  uppgift: string;
  hyresvard: { finns: boolean; id: string | null; underlag: Record<string, unknown> };
  hyresvardInsatser: { finns: boolean; id: string | null };
  funktionsstod: { finns: boolean; id: string | null };
}

/** Runs the three checks of the kontroll fixture and reads each outcome. */
export async function kontrollera(hyresgast: { personnummer: string; namn: string }): Promise<Kontrollutfall> {
  const instance = await startWithTenant('test-samtycke-kontroll', hyresgast);
  const [task] = await eventually('the checks to finish', async () => {
    const incidents = await engineAsAdmin().get<Incident[]>('/incident', { processInstanceId: instance.id });
    if (incidents.length > 0) throw new Error(`Incident: ${incidents[0]!.incidentMessage}`);
    return engineAsAdmin().get<Task[]>('/task', { processInstanceId: instance.id });
  });
  const v = await variables(instance.id);
  return {
    uppgift: task!.taskDefinitionKey,
    hyresvard: {
      finns: v.samtyckeHyresvardFinns as boolean,
      id: v.samtyckeHyresvardId as string | null,
      underlag: v.samtyckeHyresvardUnderlag as Record<string, unknown>,
    },
    hyresvardInsatser: { finns: v.samtyckeHyresvardInsatserFinns as boolean, id: v.samtyckeHyresvardInsatserId as string | null },
    funktionsstod: { finns: v.samtyckeFunktionsstodFinns as boolean, id: v.samtyckeFunktionsstodId as string | null },
  };
}

export async function incidentOf(instanceId: string): Promise<{ incident: Incident; externalTask: ExternalTask }> {
  const [incident] = await eventually('an incident', () => engineAsAdmin().get<Incident[]>('/incident', { processInstanceId: instanceId }));
  const [externalTask] = await engineAsAdmin().get<ExternalTask[]>('/external-task', { processInstanceId: instanceId });
  return { incident: incident!, externalTask: externalTask! };
}

/** Bokvar's own database, as the test stack runs it. */
export function registerDatabase(): Knex {
  return knex({ client: 'pg', connection: stack().databaseUrl, pool: { min: 0, max: 2 } });
}

/** The context the worker runtime builds for a task, for running a handler in-process. */
export function taskContext(taskId: string, processInstanceId: string, businessKey: string | null): TopicContext {
  return { taskId, processInstanceId, businessKey, log: pino({ level: 'silent' }), extendLock: async () => {} };
}

/** An ISO date-time with Swedish offset, `minutes` from now. */
export function minutesFromNow(minutes: number): string {
  const d = new Date(Date.now() + minutes * 60_000);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A Swedish calendar date, `days` from today. */
export function daysFromToday(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + days * 86_400_000));
}
