import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExternalTask, Incident, Task } from '../../engine-rest/types.ts';
import { folkbokforingTopic } from '../../workers/folkbokforing/handler.ts';
import { FOLKBOKFORING_TABELL } from '../../workers/folkbokforing/postgres-register.ts';
import { noEngine } from '../support/no-engine.ts';
import { engineAsAdmin, eventually, uniqueCaseNumber } from './support/engine.ts';
import { deployFixture, fixturesDir } from './support/fixtures.ts';
import { avslutad, laddaFixturuttag, stackDatabase, starta, tabellavtryck, variablerna, workerlogg } from './support/registerdata.ts';

/**
 * The folkbokforing topic on the real engine, worker and database, with the
 * synthetic people of test/unit/folkbokforing/fixtures/navet-uttag.csv.
 */
const PROCESS = 'test-folkbokforing';
const REFERENSDATUM = '2026-11-25';
const ANNA = { personnummer: '19850314-9828', namn: 'Anna Testsson' };
const LINNEGATAN = { gatuadress: 'Linnégatan 12 B', postnummer: '413 04', ort: 'Göteborg', lagenhetsnummer: '1102' };
const UTFALL = [
  'folkbokfordPaAdressen',
  'antalVuxna',
  'barn',
  'barnBerorda',
  'skyddadIdentitet',
  'skyddadIdentitetIHushallet',
  'postkanal',
  'avregistrerad',
  'hushallOklart',
];

let db: Knex;
beforeAll(async () => {
  db = stackDatabase();
  await laddaFixturuttag(db);
  await deployFixture(path.join(fixturesDir, 'test-folkbokforing.bpmn'));
});
afterAll(async () => {
  await db.destroy();
});

const affarsnyckel = async (instans: string) =>
  (await engineAsAdmin().get<{ businessKey: string }>(`/history/process-instance/${instans}`)).businessKey;

const kontrollera = (values: Record<string, unknown>) =>
  starta(PROCESS, uniqueCaseNumber('FBK'), { referensdatum: REFERENSDATUM, ...values });

describe('folkbokforing on the engine', () => {
  it('a family registered at the address: typed variables, and the model routes on the children', async () => {
    // when
    const instans = await kontrollera({ hyresgast: ANNA, adress: LINNEGATAN });

    // then
    expect(await avslutad(instans)).toEqual(['UnderrattelseMottagen', 'KontrolleraFolkbokforing', 'Utfall', 'BarnBerorda']);
    const v = await variablerna(instans);
    expect(v).toMatchObject({
      folkbokfordPaAdressen: true,
      antalVuxna: 2,
      barn: [{ alder: 12 }, { alder: 6 }],
      barnBerorda: true,
      skyddadIdentitet: false,
      postkanal: 'adress',
      folkbokforingsadress: { gatuadress: 'LINNÉGATAN 12 B', postnummer: '41304', ort: 'GÖTEBORG', lagenhetsnummer: '1102' },
    });
    // and the engine holds them with their types (a gateway compares Booleans, not strings)
    const typer = await engineAsAdmin().get<{ name: string; type: string }[]>('/history/variable-instance', { processInstanceId: instans });
    const typ = Object.fromEntries(typer.map((t) => [t.name, t.type]));
    expect(typ).toMatchObject({
      folkbokfordPaAdressen: 'Boolean',
      antalVuxna: 'Integer',
      barn: 'Json',
      barnBerorda: 'Boolean',
      postkanal: 'String',
    });
  });

  it('a tenant registered elsewhere: not at the address', async () => {
    const instans = await kontrollera({
      hyresgast: { personnummer: '199010109891', namn: 'Omar Annanstans' },
      adress: { gatuadress: 'Vasagatan 3', postnummer: '41124', ort: 'Göteborg', lagenhetsnummer: '1201' },
    });
    expect((await avslutad(instans)).at(-1)).toBe('EjFolkbokford');
    expect(await variablerna(instans)).toMatchObject({ folkbokfordPaAdressen: false, antalVuxna: 1, barnBerorda: false });
  });

  it('a person not in the register: the BPMN error is caught by the boundary event and goes to a caseworker, no incident', async () => {
    // when
    const instans = await kontrollera({ hyresgast: { personnummer: '199001019976', namn: 'Finns Inte' }, adress: LINNEGATAN });

    // then
    const [task] = await eventually('the check of the particulars', () =>
      engineAsAdmin().get<Task[]>('/task', { processInstanceId: instans }),
    );
    expect(task?.taskDefinitionKey).toBe('KontrolleraPersonuppgifterna');
    expect(await engineAsAdmin().get<Incident[]>('/incident', { processInstanceId: instans })).toEqual([]);
    const v = await variablerna(instans);
    for (const namn of UTFALL) expect(v).not.toHaveProperty(namn);
    await engineAsAdmin().post(`/task/${task!.id}/complete`, { variables: {} });
    expect((await avslutad(instans)).at(-1)).toBe('PersonuppgifternaKontrollerade');
  });

  it('protected identity: the flag and the channel are set, and no address comes out — in variables or in the log', async () => {
    // given: Leyla has skyddad folkbokföring; the register keeps her at Hammarkulletorget 40, 424 37 Angered
    const hemligt = ['HAMMARKULLETORGET', 'Hammarkulletorget', '42437', '424 37', 'ANGERED', '197909099926'];

    // when
    const instans = await kontrollera({
      hyresgast: { personnummer: '197909099926', namn: 'Leyla Kvarskriven' },
      adress: { gatuadress: 'Mandolingatan 9', postnummer: '42145', ort: 'Västra Frölunda', lagenhetsnummer: '1202' },
    });

    // then
    expect((await avslutad(instans)).at(-1)).toBe('SkyddadIdentitet');
    const v = await variablerna(instans);
    expect(v).toMatchObject({ skyddadIdentitet: true, postkanal: 'sarskild-postformedling' });
    expect(v).not.toHaveProperty('folkbokforingsadress');
    // and the notice's address has left the engine for Bokvar's table (skyddad-identitet.test.ts in full)
    expect(v).toMatchObject({ adressSkyddad: true });
    expect(v).not.toHaveProperty('adress');
    expect(
      await db('skyddade_adresser')
        .where({ arendenummer: await affarsnyckel(instans) })
        .first(),
    ).toMatchObject({
      adress: { gatuadress: 'Mandolingatan 9' },
    });
    const utfall = JSON.stringify(UTFALL.map((namn) => v[namn]));
    for (const del of hemligt) expect(utfall).not.toContain(del);
    const logg = await eventually("the task in the workers' log", async () => (workerlogg().includes(instans) ? workerlogg() : undefined));
    // the log has the task, by its ids, and nothing of the person
    for (const del of hemligt) expect(logg).not.toContain(del);
  });

  it('invalid input: an incident at once, naming the variable, never its value', async () => {
    const instans = await kontrollera({ hyresgast: { personnummer: '19850314-9829', namn: 'Anna Testsson' }, adress: LINNEGATAN });
    const [incident] = await eventually('an incident', () => engineAsAdmin().get<Incident[]>('/incident', { processInstanceId: instans }));
    expect(incident?.activityId).toBe('KontrolleraFolkbokforing');
    expect(incident?.incidentMessage).toMatch(/^Ogiltig indata.*hyresgast\.personnummer: Personnumret har fel kontrollsiffra/);
    expect(incident?.incidentMessage).not.toContain('9829');
    const [task] = await engineAsAdmin().get<ExternalTask[]>('/external-task', { processInstanceId: instans });
    expect(task?.retries).toBe(0);
  });

  it('a technical failure (the register table gone) is retried, and the case goes on once the table is back', async () => {
    // given: the register is unreachable
    await db.schema.renameTable(FOLKBOKFORING_TABELL, `${FOLKBOKFORING_TABELL}_undan`);
    let instans = '';
    try {
      instans = await kontrollera({ hyresgast: ANNA, adress: LINNEGATAN });

      // then: a failure with retries left, no incident, nothing personal in the message
      const [misslyckad] = await eventually('a failed attempt', async () =>
        (await engineAsAdmin().get<ExternalTask[]>('/external-task', { processInstanceId: instans })).filter(
          (t) => t.errorMessage !== null,
        ),
      );
      expect(misslyckad!.errorMessage).toMatch(/^Tekniskt fel: /);
      expect(misslyckad!.retries).toBeGreaterThan(0);
      expect(misslyckad!.errorMessage).not.toContain('198503149828');
      expect(await engineAsAdmin().get<Incident[]>('/incident', { processInstanceId: instans })).toEqual([]);
    } finally {
      // when: the table is back
      await db.schema.renameTable(`${FOLKBOKFORING_TABELL}_undan`, FOLKBOKFORING_TABELL);
    }

    // then: a retry succeeds and the process continues as usual
    expect((await avslutad(instans)).at(-1)).toBe('BarnBerorda');
    expect(await variablerna(instans)).toMatchObject({ antalVuxna: 2, barnBerorda: true });
  });

  it('delivered twice: the same outcome, and nothing written', async () => {
    // given
    const topic = folkbokforingTopic({ db, engine: noEngine() });
    const input = topic.input.parse({ hyresgast: ANNA, adress: LINNEGATAN, referensdatum: REFERENSDATUM });
    const fore = await tabellavtryck(db, FOLKBOKFORING_TABELL);

    // when
    const forsta = await topic.handle(input, {} as never);
    const andra = await topic.handle(input, {} as never);

    // then
    expect(andra).toEqual(forsta);
    expect(forsta).toMatchObject({ kind: 'complete', variables: { antalVuxna: 2 } });
    expect(await tabellavtryck(db, FOLKBOKFORING_TABELL)).toEqual(fore);
  });
});
