import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ExternalTask } from '../../engine-rest/types.ts';
import { lasAvsandare } from '../../workers/brev/avsandare.ts';
import { brevTopic } from '../../workers/brev/handler.ts';
import { noEngine } from '../support/no-engine.ts';
import { engineAsAdmin, eventually, uniqueCaseNumber } from './support/engine.ts';
import {
  arendeVariabler,
  avslutad,
  brevDatabas,
  brevFor,
  deployBrevFixture,
  historiskVariabel,
  incidentFor,
  startaBrev,
  uppgiftskontext,
} from './support/brev.ts';

/** Bad data, a database outage, and a task delivered twice. */
let db: Knex;
beforeAll(async () => {
  await deployBrevFixture();
  db = brevDatabas();
  z.config(z.locales.sv());
});
afterAll(async () => {
  await db.destroy();
});

describe('invalid input: an incident at once that names the variable', () => {
  it('a variable the letter type needs is missing', async () => {
    // given: a confirmation without Kronofogden's case number
    const instance = await startaBrev('bekraftelse-kronofogden', arendeVariabler({ malnummer: null }));

    // then
    const { incident, externalTask } = await incidentFor(instance.id);
    expect(incident.activityId).toBe('SkrivBekraftelse');
    expect(incident.incidentMessage).toBe(
      'Ogiltig indata, rätta variablerna och försök igen: malnummer: krävs för brevtypen bekraftelse-kronofogden',
    );
    expect(externalTask.retries).toBe(0);
    expect(await brevFor(db, instance.id)).toEqual([]);
  });

  it('a variable is malformed, and its value is not repeated', async () => {
    const instance = await startaBrev(
      'hembesok',
      arendeVariabler({ hembesokTid: 'på torsdag', hyresgast: { personnummer: '19700303-1230', namn: 'Åsa Örnbäck-Lindqvist' } }),
    );
    const { incident, externalTask } = await incidentFor(instance.id);
    expect(incident.incidentMessage).toMatch(/^Ogiltig indata.*hyresgast\.personnummer: Personnumret har fel kontrollsiffra/);
    expect(incident.incidentMessage).toMatch(/hembesokTid: /);
    expect(incident.incidentMessage).not.toMatch(/torsdag|19700303|Örnbäck/);
    expect(externalTask.retries).toBe(0);
  });
});

describe('technical failure: retried with back-off, then an incident; recovers when the archive is back', () => {
  it('writes the letter once the table is back', async () => {
    // given: an archive the worker cannot reach
    await db.raw('ALTER TABLE brev RENAME TO brev_borta');
    let instanceId: string;
    try {
      // when
      instanceId = (await startaBrev('informationsbrev')).id;

      // then: retries count down with a readable message…
      const retrying = await eventually('a retried failure', async () => {
        const [task] = await engineAsAdmin().get<ExternalTask[]>('/external-task', { processInstanceId: instanceId });
        return task && task.retries !== null && task.retries > 0 && task.retries < 5 ? task : undefined;
      });
      expect(retrying.errorMessage).toBe('Tekniskt fel: Brevarkivet: kunde inte läsa brevarkivet (relation "brev" does not exist)');
      // …and end in an incident (back-off 0.5 + 1 + 2 + 4 s in the test stack)
      const { incident } = await incidentFor(instanceId);
      expect(incident.incidentMessage).toMatch(/^Tekniskt fel: Brevarkivet: kunde inte/);
    } finally {
      await db.raw('ALTER TABLE brev_borta RENAME TO brev');
    }

    // when: an operator retries once the database is back
    const [failed] = await engineAsAdmin().get<ExternalTask[]>('/external-task', { processInstanceId: instanceId! });
    await engineAsAdmin().put(`/external-task/${failed!.id}/retries`, { retries: 1 });

    // then
    await avslutad(instanceId!);
    const [rad, ...fler] = await brevFor(db, instanceId!);
    expect(fler).toHaveLength(0);
    expect(rad!.id).toBe(await historiskVariabel<string>(instanceId!, 'brevId'));
  });
});

describe('duplicate delivery', () => {
  it('the handler run twice for the same task writes each letter once', async () => {
    // given: one task's input and identity (a confirmation: two letters)
    const worker = brevTopic({ db, engine: noEngine() }, lasAvsandare());
    const input = worker.input.parse({ ...arendeVariabler(), brevtyp: 'bekraftelse-kronofogden' });
    const processInstanceId = `dubbel-${Date.now()}`;
    const context = uppgiftskontext(`uppgift-${Date.now()}`, processInstanceId, uniqueCaseNumber('BREV'));

    // when: delivered twice, the second time perhaps after a crash
    const forsta = await worker.handle(input, context);
    const andra = await worker.handle(input, context);

    // then: two letters, not four, and both deliveries answer with the same ids
    const rader = await brevFor(db, processInstanceId);
    expect(rader.map((r) => r.mottagare)).toEqual(['hyresgast', 'kronofogden']);
    expect(forsta).toEqual({
      kind: 'complete',
      variables: {
        brevId: rader.find((r) => r.mottagare === 'kronofogden')!.id,
        brevIdKopiaHyresgast: rader.find((r) => r.mottagare === 'hyresgast')!.id,
        brevEfterFrist: false,
      },
    });
    expect(andra).toEqual(forsta);
  });

  it('a task the real worker completed, delivered again, writes nothing new', async () => {
    // given: the worker has written the letter
    const instance = await startaBrev('informationsbrev');
    await avslutad(instance.id);
    const [logg] = await engineAsAdmin().get<{ externalTaskId: string }[]>('/history/external-task-log', {
      processInstanceId: instance.id,
      successLog: true,
    });
    const [skriven] = await brevFor(db, instance.id);

    // when: the same task arrives again
    const worker = brevTopic({ db, engine: noEngine() }, lasAvsandare());
    const input = worker.input.parse({ ...arendeVariabler(), brevtyp: 'informationsbrev' });
    const svar = await worker.handle(input, uppgiftskontext(logg!.externalTaskId, instance.id, instance.businessKey));

    // then
    expect(await brevFor(db, instance.id)).toHaveLength(1);
    expect(svar).toEqual({ kind: 'complete', variables: { brevId: skriven!.id, brevEfterFrist: false } });
  });
});
