import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samtyckeAterkallaTopic } from '../../workers/samtycke-aterkalla/handler.ts';
import { samtyckeRegistreraTopic } from '../../workers/samtycke-registrera/handler.ts';
import { noEngine } from '../support/no-engine.ts';
import { engineAsAdmin } from './support/engine.ts';
import {
  aterkallaSamtycke,
  deploySamtyckeFixtures,
  minutesFromNow,
  normalised,
  nyHyresgast,
  registerDatabase,
  registreraSamtycke,
  startWithTenant,
  completeForm,
  finished,
  historicVariable,
  taskContext,
} from './support/samtycke.ts';

/**
 * A task delivered twice (lock expired, worker crashed after writing, engine
 * restarted) never registers a second consent or revocation: the external
 * task's id, the same at every delivery, is the idempotency key.
 */
let db: Knex;
beforeAll(async () => {
  await deploySamtyckeFixtures();
  db = registerDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const form = {
  samtyckeMottagare: ['hyresvard'],
  samtyckeSyfte: ['kontakt-om-boendet'],
  samtyckeForm: 'skriftligt',
  samtyckeDokumenteratAv: 'vera',
};

describe('duplicate delivery', () => {
  it('samtycke-registrera: the handler run twice for the same task registers one consent', async () => {
    // given: one task's input and identity
    const hyresgast = nyHyresgast();
    const worker = samtyckeRegistreraTopic({ db, engine: noEngine() });
    const input = worker.input.parse({ hyresgast, ...form, samtyckeLamnatDatum: minutesFromNow(-5) });
    const context = taskContext('dubbel-leverans-1', 'process-1', 'BV-2026-1');

    // when: delivered twice
    const forsta = await worker.handle(input, context);
    const andra = await worker.handle(input, context);

    // then: one row, and both deliveries answer with its id
    const rader = await db('samtycken').where({ personnummer: normalised(hyresgast.personnummer) });
    expect(rader).toHaveLength(1);
    expect(forsta).toEqual({ kind: 'complete', variables: { samtyckeId: rader[0].id } });
    expect(andra).toEqual(forsta);
  });

  it('samtycke-registrera: the real worker completed, then the same task again, still one consent', async () => {
    // given: the worker has registered the consent from a real task
    const hyresgast = nyHyresgast();
    const instance = await startWithTenant('test-samtycke-registrera', hyresgast);
    await completeForm(instance.id, { ...form, samtyckeLamnatDatum: minutesFromNow(-5) });
    await finished(instance.id);
    const samtyckeId = await historicVariable<string>(instance.id, 'samtyckeId');
    const [logg] = await engineAsAdmin().get<{ externalTaskId: string }[]>('/history/external-task-log', {
      processInstanceId: instance.id,
      successLog: true,
    });

    // when: the same task is handled again (as after a crash between writing and completing)
    const worker = samtyckeRegistreraTopic({ db, engine: noEngine() });
    const input = worker.input.parse({
      hyresgast,
      ...form,
      samtyckeDokumenteratAv: 'vera',
      samtyckeLamnatDatum: minutesFromNow(-5),
    });
    const igen = await worker.handle(input, taskContext(logg!.externalTaskId, instance.id, null));

    // then
    expect(igen).toEqual({ kind: 'complete', variables: { samtyckeId } });
    expect(await db('samtycken').where({ personnummer: normalised(hyresgast.personnummer) })).toHaveLength(1);
  });

  it('samtycke-aterkalla: the handler run twice records one revocation and answers the same both times', async () => {
    // given: a consent, and one revocation task
    const hyresgast = nyHyresgast();
    const samtyckeId = await registreraSamtycke(hyresgast, { ...form, samtyckeLamnatDatum: minutesFromNow(-30) });
    const worker = samtyckeAterkallaTopic({ db, engine: noEngine() });
    const input = worker.input.parse({
      hyresgast,
      aterkallelseOmfattning: 'delvis',
      aterkallelseMottagare: ['hyresvard'],
      aterkallelseTidpunkt: minutesFromNow(-1),
      samtyckeDokumenteratAv: 'vera',
    });
    const context = taskContext('dubbel-leverans-2', 'process-2', null);

    // when
    const forsta = await worker.handle(input, context);
    const andra = await worker.handle(input, context);

    // then: one revocation; the second answer still names the consent it ended
    const rader = await db('samtycke_aterkallelser').where({ personnummer: normalised(hyresgast.personnummer) });
    expect(rader).toHaveLength(1);
    expect(forsta).toEqual({ kind: 'complete', variables: { aterkallelseId: rader[0].id, aterkalladeSamtycken: [samtyckeId] } });
    expect(andra).toEqual(forsta);
  });

  it('samtycke-aterkalla: a real revocation task handled again stays one row', async () => {
    const hyresgast = nyHyresgast();
    await registreraSamtycke(hyresgast, { ...form, samtyckeLamnatDatum: minutesFromNow(-30) });
    const { aterkallelseId } = await aterkallaSamtycke(hyresgast, {
      aterkallelseOmfattning: 'hela',
      aterkallelseTidpunkt: minutesFromNow(-1),
    });
    const rad = await db('samtycke_aterkallelser').where({ id: aterkallelseId }).first();

    const worker = samtyckeAterkallaTopic({ db, engine: noEngine() });
    const input = worker.input.parse({
      hyresgast,
      aterkallelseOmfattning: 'hela',
      aterkallelseTidpunkt: minutesFromNow(-1),
      samtyckeDokumenteratAv: 'vera',
    });
    const igen = await worker.handle(input, taskContext(rad.idempotensnyckel, rad.process_instance_id, null));

    expect(igen).toMatchObject({ kind: 'complete', variables: { aterkallelseId } });
    expect(await db('samtycke_aterkallelser').where({ personnummer: normalised(hyresgast.personnummer) })).toHaveLength(1);
  });
});
