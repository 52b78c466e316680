import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExternalTask, Incident } from '../../engine-rest/types.ts';
import { aktuellKontrollTopic } from '../../workers/aktuell-kontroll/handler.ts';
import { AKTUELLA_TABELL } from '../../workers/aktuell-kontroll/postgres-register.ts';
import { noEngine } from '../support/no-engine.ts';
import { engineAsAdmin, eventually, uniqueCaseNumber } from './support/engine.ts';
import { deployFixture, fixturesDir } from './support/fixtures.ts';
import { avslutad, laddaFixturuttag, stackDatabase, starta, tabellavtryck, variablerna } from './support/registerdata.ts';

/**
 * The aktuell-kontroll topic on the real engine, worker and database, with the
 * synthetic matters of test/unit/aktuell-kontroll/fixtures/aktuella.csv.
 */
const PROCESS = 'test-aktuell-kontroll';
const REFERENSDATUM = '2026-11-25';
const ANNA = { personnummer: '198503149828', namn: 'Anna Testsson' };

let db: Knex;
beforeAll(async () => {
  db = stackDatabase();
  await laddaFixturuttag(db);
  await deployFixture(path.join(fixturesDir, 'test-aktuell-kontroll.bpmn'));
});
afterAll(async () => {
  await db.destroy();
});

const kontrollera = (hyresgast: { personnummer: string; namn: string }) =>
  starta(PROCESS, uniqueCaseNumber('AKT'), { hyresgast, referensdatum: REFERENSDATUM });

describe('aktuell-kontroll on the engine', () => {
  it('known in the own administration: the units to consult', async () => {
    const instans = await kontrollera(ANNA);
    expect(await avslutad(instans)).toEqual(['UnderrattelseMottagen', 'KontrolleraAktuell', 'Utfall', 'SamradMedEnheterna']);
    expect(await variablerna(instans)).toMatchObject({
      aktuellISocialtjansten: true,
      aktuellaEnheter: [
        { enhet: 'ekonomiskt-bistand', enhetsnamn: 'Ekonomiskt bistånd Centrum', sedan: '2025-01-15' },
        { enhet: 'vuxen', enhetsnamn: 'Vuxen Centrum', sedan: '2026-03-01' },
      ],
      aktuellIAnnanForvaltning: false,
      andraForvaltningar: [],
    });
  });

  it('known in another administration: the model routes to consent first', async () => {
    const instans = await kontrollera({ personnummer: '199010109891', namn: 'Omar Annanstans' });
    expect((await avslutad(instans)).at(-1)).toBe('SamtyckeKravs');
    expect(await variablerna(instans)).toMatchObject({
      aktuellISocialtjansten: false,
      aktuellaEnheter: [],
      aktuellIAnnanForvaltning: true,
      andraForvaltningar: [{ forvaltning: 'funktionsstod', enhet: 'funktionsstod', sedan: '2022-05-01' }],
    });
  });

  it('known nowhere: an ordinary outcome, with typed empty answers', async () => {
    const instans = await kontrollera({ personnummer: '199202029865', namn: 'Sara Kvar' });
    expect((await avslutad(instans)).at(-1)).toBe('InteAktuell');
    expect(await variablerna(instans)).toMatchObject({
      aktuellISocialtjansten: false,
      aktuellaEnheter: [],
      aktuellIAnnanForvaltning: false,
      andraForvaltningar: [],
    });
    const typer = await engineAsAdmin().get<{ name: string; type: string }[]>('/history/variable-instance', { processInstanceId: instans });
    expect(Object.fromEntries(typer.map((t) => [t.name, t.type]))).toMatchObject({
      aktuellISocialtjansten: 'Boolean',
      aktuellaEnheter: 'Json',
      aktuellIAnnanForvaltning: 'Boolean',
      andraForvaltningar: 'Json',
    });
  });

  it('invalid input: an incident at once, naming the variable', async () => {
    const instans = await kontrollera({ personnummer: '8503149828', namn: 'Anna Testsson' });
    const [incident] = await eventually('an incident', () => engineAsAdmin().get<Incident[]>('/incident', { processInstanceId: instans }));
    expect(incident?.incidentMessage).toMatch(/^Ogiltig indata.*hyresgast\.personnummer: Personnumret ska skrivas/);
    expect(incident?.incidentMessage).not.toContain('8503149828');
    const [task] = await engineAsAdmin().get<ExternalTask[]>('/external-task', { processInstanceId: instans });
    expect(task?.retries).toBe(0);
  });

  it('a technical failure (the table gone) is retried, and the case goes on once it is back', async () => {
    await db.schema.renameTable(AKTUELLA_TABELL, `${AKTUELLA_TABELL}_undan`);
    let instans = '';
    try {
      instans = await kontrollera(ANNA);
      const [misslyckad] = await eventually('a failed attempt', async () =>
        (await engineAsAdmin().get<ExternalTask[]>('/external-task', { processInstanceId: instans })).filter(
          (t) => t.errorMessage !== null,
        ),
      );
      expect(misslyckad!.errorMessage).toMatch(/^Tekniskt fel: /);
      expect(misslyckad!.retries).toBeGreaterThan(0);
    } finally {
      await db.schema.renameTable(`${AKTUELLA_TABELL}_undan`, AKTUELLA_TABELL);
    }
    expect((await avslutad(instans)).at(-1)).toBe('SamradMedEnheterna');
  });

  it('delivered twice: the same outcome, and nothing written', async () => {
    const topic = aktuellKontrollTopic({ db, engine: noEngine() });
    const input = topic.input.parse({ hyresgast: { personnummer: '198512249965', namn: 'Lena Aktuell' }, referensdatum: REFERENSDATUM });
    const fore = await tabellavtryck(db, AKTUELLA_TABELL);
    const forsta = await topic.handle(input, {} as never);
    expect(await topic.handle(input, {} as never)).toEqual(forsta);
    expect(forsta).toMatchObject({ kind: 'complete', variables: { aktuellISocialtjansten: true, aktuellIAnnanForvaltning: true } });
    expect(await tabellavtryck(db, AKTUELLA_TABELL)).toEqual(fore);
  });
});
