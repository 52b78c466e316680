import path from 'node:path';
import knex, { type Knex } from 'knex';
import { pino } from 'pino';
import type { ExternalTask, Incident, ProcessInstance, VariableValue } from '../../../engine-rest/types.ts';
import { atervinningsfrist, bekraftelseKronofogden, uppfoljning } from '../../../frister/index.ts';
import type { Brevrad } from '../../../workers/brev/arkiv.ts';
import type { Brevtyp } from '../../../domain/brevtyper.ts';
import { svensktDatum } from '../../../domain/svensk-tid.ts';
import type { TopicContext } from '../../../workers/topic.ts';
import { engineAsAdmin, eventually, stack, uniqueCaseNumber } from './engine.ts';
import { deployFixture, fixturesDir } from './fixtures.ts';

/** Helpers for the letter worker's tests: the fixture, a case's variables, the letter archive. */

export async function deployBrevFixture(): Promise<void> {
  await deployFixture(path.join(fixturesDir, 'test-brev.bpmn'));
}

const dagar = (n: number) => svensktDatum(new Date(Date.now() + n * 86_400_000));

/** Deadlines as berakna-frister hands them over: the återvinningsfrist runs three weeks from today. */
export function fristunderlag(delgiven = dagar(0)) {
  return {
    atervinningsfrist: atervinningsfrist({ delgivningsdatum: delgiven, mottagenSocialnamnden: delgiven }),
    bekraftelseKronofogden: bekraftelseKronofogden({ mottagen: new Date().toISOString() }).bekraftelse,
    uppfoljning: uppfoljning({ avslutad: dagar(0) }),
  };
}

export const hyresgast = { personnummer: '19700303-1239', namn: 'Åsa Örnbäck-Lindqvist' };
export const adress = { gatuadress: 'Gärdesvägen 12', postnummer: '41319', ort: 'Göteborg', lagenhetsnummer: '1001' };

/** A case with everything every letter type needs. */
export function arendeVariabler(andra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    skyddadIdentitet: false,
    ansvarigHandlaggare: 'Vera Vuxenenheten',
    ansvarigHandlaggareTelefon: '031-365 00 01',
    hyresgast,
    adress,
    hyresvard: { namn: 'Bostadsbolaget Älvstranden AB', kontaktperson: 'Örjan Hyresson' },
    hyresvardAdress: { gatuadress: 'Kvarnbergsgatan 2', postnummer: '41105', ort: 'Göteborg' },
    malnummer: '12-998877-26',
    avhysningsdatum: `${dagar(7)}T09:00:00+01:00`,
    hyresskuld: 14250,
    hembesokTid: `${dagar(3)}T10:00+01:00`,
    fristunderlag: fristunderlag(),
    ...andra,
  };
}

/** Process variables typed as Camunda stores them: objects as Json, numbers as Double. */
export function typade(values: Record<string, unknown>): Record<string, VariableValue> {
  const result: Record<string, VariableValue> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === null) result[name] = { value: null, type: 'Null' };
    else if (typeof value === 'object') result[name] = { value: JSON.stringify(value), type: 'Json' };
    else if (typeof value === 'boolean') result[name] = { value, type: 'Boolean' };
    else if (typeof value === 'number') result[name] = { value, type: 'Double' };
    else result[name] = { value, type: 'String' };
  }
  return result;
}

export async function startaBrev(
  testBrevtyp: Brevtyp,
  variabler: Record<string, unknown> = arendeVariabler(),
  businessKey = uniqueCaseNumber('BREV'),
): Promise<ProcessInstance> {
  return engineAsAdmin().post<ProcessInstance>('/process-definition/key/test-brev/start', {
    businessKey,
    variables: typade({ ...variabler, testBrevtyp }),
  });
}

export async function avslutad(instanceId: string): Promise<void> {
  await eventually('the instance to finish', async () => {
    const incidents = await engineAsAdmin().get<Incident[]>('/incident', { processInstanceId: instanceId });
    if (incidents.length > 0) throw new Error(`Incident instead of completion: ${incidents[0]!.incidentMessage}`);
    const instance = await engineAsAdmin().get<{ state: string }>(`/history/process-instance/${instanceId}`);
    return instance.state === 'COMPLETED' ? true : undefined;
  });
}

export async function historiskVariabel<T>(instanceId: string, name: string): Promise<T | undefined> {
  const [variable] = await engineAsAdmin().get<{ value: T }[]>('/history/variable-instance', {
    processInstanceId: instanceId,
    variableName: name,
  });
  return variable?.value;
}

export async function incidentFor(instanceId: string): Promise<{ incident: Incident; externalTask: ExternalTask }> {
  const [incident] = await eventually('an incident', () => engineAsAdmin().get<Incident[]>('/incident', { processInstanceId: instanceId }));
  const [externalTask] = await engineAsAdmin().get<ExternalTask[]>('/external-task', { processInstanceId: instanceId });
  return { incident: incident!, externalTask: externalTask! };
}

/** Bokvar's own database, as the test stack runs it. */
export function brevDatabas(): Knex {
  return knex({ client: 'pg', connection: stack().databaseUrl, pool: { min: 0, max: 2 } });
}

export async function brevFor(db: Knex, processInstanceId: string): Promise<Brevrad[]> {
  return db('brev').select('*').where({ process_instance_id: processInstanceId }).orderBy('mottagare');
}

/** The context the worker runtime builds for a task, for running the handler in-process. */
export function uppgiftskontext(taskId: string, processInstanceId: string, businessKey: string | null): TopicContext {
  return { taskId, processInstanceId, businessKey, log: pino({ level: 'silent' }), extendLock: async () => {} };
}
