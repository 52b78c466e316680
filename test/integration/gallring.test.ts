import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Personnummer } from '../../domain/personnummer.ts';
import { registreraAterkallelse, registreraSamtycke } from '../../domain/samtycke/register.ts';
import { EngineRest, EngineRestError } from '../../engine-rest/client.ts';
import { DEPLOYMENT_SOURCE } from '../../engine-rest/deployment.ts';
import { engineTimeMs } from '../../engine-rest/time.ts';
import { DEV_UI_PASSWORD, repoRoot } from '../../scripts/config.ts';
import { applyHistoryTimeToLive } from '../../scripts/deploy.ts';
import { gallra } from '../../ui/gallring/gallring.ts';
import { cancelInstance, engineAsAdmin, eventually, stack } from './support/engine.ts';
import { deployFixture, fixturesDir } from './support/fixtures.ts';
import { normalised, nyHyresgast } from './support/samtycke.ts';
import { ui, underrattelse } from './support/ui.ts';

/**
 * Retention on the real stack. One setting (BOKVAR_HISTORIK_TTL, here the
 * default P1826D) is the engine's default, is applied to every deployed
 * definition, and Bokvar's gallring follows the engine: a case's rows go only
 * after the engine's removal time has passed AND the engine's history cleanup
 * has removed the case. Time is moved only through the engine: the removal
 * time is set with the engine's set-removal-time batch, and its history
 * cleanup job is executed through the job API.
 */
const TTL_DAGAR = 1826;
const DAG = 86_400_000;
let db: Knex;
const admin = () => engineAsAdmin();
const uiAnvandare = () => new EngineRest(stack().engineRestUrl, { user: 'bokvar-ui', password: DEV_UI_PASSWORD });

interface Fall {
  nr: string;
  pi: string;
  personnummer: string;
}

async function nyttArende(personnummer?: string): Promise<Fall> {
  const hyresgast = personnummer ? { personnummer, namn: 'Test Testsson' } : nyHyresgast();
  const r = await ui('POST', '/api/underrattelser', {
    user: 'vera',
    body: underrattelse({ hyresgast, orsak: 'storningar', uppsagning: undefined }),
  });
  expect(r.status).toBe(201);
  return { nr: r.body.arendenummer, pi: r.body.processInstanceId, personnummer: normalised(hyresgast.personnummer) };
}

let brevnummer = 0;
/** What Bokvar holds of a case: reads (through the API), a letter, a consent and a revocation. */
async function medRader(f: Fall): Promise<void> {
  expect((await ui('GET', `/api/arenden/${f.nr}`, { user: 'rut' })).status).toBe(200);
  expect((await ui('GET', `/api/arenden/${f.nr}`, { user: 'vera' })).status).toBe(200);
  brevnummer += 1;
  await db('brev').insert({
    id: `7e000000-0000-4000-8000-${String(Date.now() % 1e9).padStart(9, '0')}${String(brevnummer).padStart(3, '0')}`,
    arendenummer: f.nr,
    process_instance_id: f.pi,
    external_task_id: `gallring-${f.nr}`,
    typ: 'informationsbrev',
    mottagare: 'hyresgast',
    kanal: 'post',
    mallversion: '1',
    sha256: 'b'.repeat(64),
    pdf: Buffer.from('%PDF-1.7\n%gallring\n'),
    skapad: new Date(),
  });
  const { id } = await registreraSamtycke(db, {
    personnummer: f.personnummer as Personnummer,
    mottagare: ['hyresvard'],
    syften: ['kontakt-om-boendet'],
    form: 'skriftligt',
    lamnat: new Date(),
    giltigtTill: null,
    anteckning: null,
    dokumenteratAv: 'vera',
    arendenummer: f.nr,
    processInstanceId: f.pi,
    idempotensnyckel: `gallring-samtycke-${f.nr}`,
  });
  await registreraAterkallelse(db, {
    personnummer: f.personnummer as Personnummer,
    samtyckeId: id,
    mottagare: null,
    syften: null,
    aterkallat: new Date(),
    dokumenteratAv: 'vera',
    skal: null,
    arendenummer: f.nr,
    processInstanceId: f.pi,
    idempotensnyckel: `gallring-aterkallelse-${f.nr}`,
  });
}

async function rader(f: Fall): Promise<Record<string, number>> {
  const antal = async (q: Knex.QueryBuilder) => Number(((await q.count('* as count')) as [{ count: string }])[0].count);
  return {
    arenden: await antal(db('arenden').where({ arendenummer: f.nr })),
    // Bokvar's own reads (the fixture's two); the engine also logs the workers' reads of the case
    lasloggar: await antal(db('lasloggar').where({ arendenummer: f.nr, kanal: 'bokvar' })),
    allaLasningar: await antal(db('lasloggar').where({ arendenummer: f.nr })),
    brev: await antal(db('brev').where({ arendenummer: f.nr })),
    samtycken: await antal(db('samtycken').where({ personnummer: f.personnummer })),
    aterkallelser: await antal(db('samtycke_aterkallelser').where({ personnummer: f.personnummer })),
  };
}

const historik = async (nr: string) =>
  (await admin().get<{ count: number }>('/history/process-instance/count', { processInstanceBusinessKey: nr })).count;

/** Runs a batch's seed and execution jobs through the job API (the job executor may take some first). */
async function korBatch(
  batch: { seedJobDefinitionId: string; batchJobDefinitionId: string; monitorJobDefinitionId: string },
  klar: () => Promise<boolean>,
): Promise<void> {
  await eventually('the batch to finish', async () => {
    for (const jobDefinitionId of [batch.seedJobDefinitionId, batch.batchJobDefinitionId]) {
      for (const job of await admin().get<{ id: string }[]>('/job', { jobDefinitionId })) {
        await admin()
          .post(`/job/${job.id}/execute`)
          .catch((e: unknown) => {
            if (!(e instanceof EngineRestError)) throw e;
          });
      }
    }
    return (await klar()) || undefined;
  });
}

/** The engine's history cleanup, now: schedule it immediately due and execute its job(s). */
async function motornsHistorikstadning(klar: () => Promise<boolean>): Promise<void> {
  await admin().post('/history/cleanup?immediatelyDue=true');
  await eventually(
    'the engine to remove the history',
    async () => {
      for (const job of await admin().get<{ id: string }[]>('/history/cleanup/jobs')) {
        await admin()
          .post(`/job/${job.id}/execute`)
          .catch((e: unknown) => {
            if (!(e instanceof EngineRestError)) throw e;
          });
      }
      return (await klar()) || undefined;
    },
    60_000,
  );
}

beforeAll(async () => {
  db = knex({ client: 'pg', connection: stack().databaseUrl });
});
afterAll(async () => {
  await db.destroy();
});

describe('one setting: the engine default and every deployed definition', () => {
  it('a newly deployed model without its own time to live takes the setting', async () => {
    await deployFixture(path.join(fixturesDir, 'test-walking-skeleton.bpmn'));
    const [d] = await admin().get<{ historyTimeToLive: number | null }[]>('/process-definition', {
      key: 'test-walking-skeleton',
      latestVersion: true,
    });
    expect(d?.historyTimeToLive).toBe(TTL_DAGAR);
  });

  it("provisioning brings every process and decision definition of Bokvar's models to the setting, idempotently", async () => {
    // given: versions deployed under an earlier setting (30 days)
    const [process] = await admin().get<{ id: string }[]>('/process-definition', { key: 'hot-om-avhysning', latestVersion: true });
    const [beslut] = await admin().get<{ id: string }[]>('/decision-definition', { maxResults: 1 });
    await admin().put(`/process-definition/${process!.id}/history-time-to-live`, { historyTimeToLive: 30 });
    await admin().put(`/decision-definition/${beslut!.id}/history-time-to-live`, { historyTimeToLive: 30 });
    // when
    expect(await applyHistoryTimeToLive(admin(), 'P1826D')).toBe(2);
    // then: every definition has the setting, and a second run changes nothing
    const bokvars = await admin().get<{ id: string }[]>('/deployment', { source: DEPLOYMENT_SOURCE });
    for (const resource of ['process-definition', 'decision-definition']) {
      const alla = (
        await Promise.all(
          bokvars.map((d) => admin().get<{ id: string; historyTimeToLive: number | null }[]>(`/${resource}`, { deploymentId: d.id })),
        )
      ).flat();
      expect(alla.length).toBeGreaterThan(0);
      expect(alla.filter((d) => d.historyTimeToLive !== TTL_DAGAR)).toEqual([]);
    }
    expect(await applyHistoryTimeToLive(admin(), 'P1826D')).toBe(0);
  });
});

describe("Bokvar's gallring follows the engine's history cleanup", () => {
  let gallras: Fall; // ended, removal time moved into the past: culled
  let delad: Fall; // ended and culled, but its tenant has another open case
  let oppenSammaPerson: Fall; // open, same tenant as `delad`
  let avslutad: Fall; // ended, removal time in five years: kept
  let oppen: Fall; // open: kept
  let stickprovGallras: string;
  let stickprovKvar: string;

  beforeAll(async () => {
    gallras = await nyttArende();
    delad = await nyttArende();
    oppenSammaPerson = await nyttArende(delad.personnummer.replace(/^(\d{8})/, '$1-'));
    avslutad = await nyttArende();
    oppen = await nyttArende();
    for (const f of [gallras, delad, oppenSammaPerson, avslutad, oppen]) await medRader(f);
    // the auditor's samples of the reads of the case to be culled, and of one that stays
    stickprovGallras = (
      await ui('POST', '/api/revision/lasloggar/stickprov', { user: 'rut', body: { filter: { arende: gallras.nr }, antal: 5 } })
    ).body.id;
    stickprovKvar = (
      await ui('POST', '/api/revision/lasloggar/stickprov', { user: 'rut', body: { filter: { arende: avslutad.nr }, antal: 5 } })
    ).body.id;
    // the cases end (cancelled through the engine; the removal time is set at the end)
    for (const f of [gallras, delad, avslutad]) {
      // wait until the workers are done with it: a delete racing a worker's completion is refused
      await eventually(
        `case ${f.nr} waiting for a person`,
        async () => {
          const instanser = await admin().get<{ id: string }[]>('/process-instance', { businessKey: f.nr });
          const externa = await admin().get<unknown[]>('/external-task', { processInstanceIdIn: instanser.map((i) => i.id).join(',') });
          const uppgifter = await admin().get<unknown[]>('/task', { processInstanceBusinessKey: f.nr });
          return externa.length === 0 && uppgifter.length > 0 ? true : undefined;
        },
        60_000,
      );
      await cancelInstance(f.pi);
    }
  });

  it('notes the end and the removal time (end + the setting) and removes nothing while the engine holds the history', async () => {
    const r = await gallra(db, uiAnvandare(), TTL_DAGAR);
    expect(r.gallrade).toEqual([]);
    for (const f of [gallras, delad, avslutad]) {
      const rad = await db('arenden').where({ arendenummer: f.nr }).first();
      expect(rad.avslutad).toBeInstanceOf(Date);
      expect(Math.round((rad.gallras_efter.getTime() - rad.avslutad.getTime()) / DAG)).toBe(TTL_DAGAR);
    }
    expect((await db('arenden').where({ arendenummer: oppen.nr }).first()).avslutad).toBeNull();
    for (const f of [gallras, delad, oppenSammaPerson, avslutad, oppen]) {
      expect(await rader(f)).toMatchObject({ arenden: 1, lasloggar: 2, brev: 1 });
    }
  });

  it('a removal time in the past is not enough: the engine still holds the history, so Bokvar keeps the rows', async () => {
    // when: the engine's removal time of two cases is moved into the past (the engine's own batch)
    const dag = '2020-01-01T00:00:00.000+0000';
    const batch = await admin().post<{ seedJobDefinitionId: string; batchJobDefinitionId: string; monitorJobDefinitionId: string }>(
      '/history/process-instance/set-removal-time',
      { absoluteRemovalTime: dag, hierarchical: true, historicProcessInstanceIds: [gallras.pi, delad.pi] },
    );
    await korBatch(batch, async () => {
      const h = await admin().get<{ removalTime: string | null }[]>('/history/process-instance', {
        processInstanceIds: `${gallras.pi},${delad.pi}`,
      });
      return h.length === 2 && h.every((x) => x.removalTime !== null && engineTimeMs(x.removalTime) === engineTimeMs(dag));
    });
    const r = await gallra(db, uiAnvandare(), TTL_DAGAR);
    // then: Bokvar follows the new removal time, but removes nothing yet
    expect(r.gallrade).toEqual([]);
    expect((await db('arenden').where({ arendenummer: gallras.nr }).first()).gallras_efter.toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(await historik(gallras.nr)).toBeGreaterThan(0);
    expect(await rader(gallras)).toMatchObject({ arenden: 1, lasloggar: 2, brev: 1, samtycken: 1, aterkallelser: 1 });
  });

  it('after the engine removed the history, `npm run gallra` removes the case rows; the rest stays', async () => {
    // given: the engine's history cleanup has run
    await motornsHistorikstadning(async () => (await historik(gallras.nr)) === 0 && (await historik(delad.nr)) === 0);
    expect(await historik(avslutad.nr)).toBeGreaterThan(0);

    // when: the operators' command
    const fore = await rader(gallras);
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/gallra.ts'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: stack().databaseUrl, BOKVAR_ENGINE_URL: stack().engineRestUrl, BOKVAR_HISTORIK_TTL: 'P1826D' },
    });
    expect(stdout).toMatch(/gallrade ärenden: \d+/);

    // then: the culled case's rows are gone, its tenant's consent records with it
    expect(await rader(gallras)).toEqual({ arenden: 0, lasloggar: 0, allaLasningar: 0, brev: 0, samtycken: 0, aterkallelser: 0 });
    // the other culled case: its rows are gone, but its tenant's consents stay for the open case
    expect(await rader(delad)).toMatchObject({ arenden: 0, lasloggar: 0, allaLasningar: 0, brev: 0 });
    expect(await rader(oppenSammaPerson)).toMatchObject({ arenden: 1, lasloggar: 2, brev: 1, samtycken: 2, aterkallelser: 2 });
    // the ended case whose removal time has not come, and the open one, keep everything
    expect(await rader(avslutad)).toMatchObject({ arenden: 1, lasloggar: 2, brev: 1, samtycken: 1, aterkallelser: 1 });
    expect(await rader(oppen)).toMatchObject({ arenden: 1, lasloggar: 2, brev: 1, samtycken: 1, aterkallelser: 1 });
    // the culling is recorded, without personal data
    const post = await db('gallringar').where({ arendenummer: gallras.nr }).first();
    expect(post.rader).toEqual({
      lasloggar: fore.allaLasningar,
      brev: 1,
      skyddade_adresser: 0,
      samtycken: 1,
      samtycke_aterkallelser: 1,
      arenden: 1,
    });
    expect(post.rader.lasloggar).toBeGreaterThanOrEqual(2);
    expect(post.gallras_efter.toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(JSON.stringify(post)).not.toContain(gallras.personnummer);
    // a sample of the culled reads goes with them; the other stays
    expect(await db('stickprov').where({ id: stickprovGallras })).toHaveLength(0);
    expect(await db('stickprov').where({ id: stickprovKvar })).toHaveLength(1);
    // running again removes nothing more
    expect((await gallra(db, uiAnvandare(), TTL_DAGAR)).gallrade).toEqual([]);
  });

  it('the append-only triggers still stop everyone but the cleanup of that very case or person', async () => {
    await expect(db('lasloggar').where({ arendenummer: avslutad.nr }).delete()).rejects.toThrow(/ändras aldrig/);
    await expect(db('samtycken').where({ personnummer: avslutad.personnummer }).delete()).rejects.toThrow(/ändras aldrig/);
    // naming another case does not open this one
    await expect(
      db.transaction(async (trx) => {
        await trx.raw(`SELECT set_config('bokvar.gallring', ?, true)`, [`arende:${gallras.nr}`]);
        await trx('lasloggar').where({ arendenummer: avslutad.nr }).delete();
      }),
    ).rejects.toThrow(/ändras aldrig/);
    // updates and truncation are never allowed, not even to the cleanup
    await expect(
      db.transaction(async (trx) => {
        await trx.raw(`SELECT set_config('bokvar.gallring', ?, true)`, [`arende:${avslutad.nr}`]);
        await trx('lasloggar').where({ arendenummer: avslutad.nr }).update({ anvandare: 'någon' });
      }),
    ).rejects.toThrow(/ändras aldrig/);
    await expect(
      db.transaction(async (trx) => {
        await trx.raw(`SELECT set_config('bokvar.gallring', 'stickprov', true)`);
        await trx.raw('TRUNCATE stickprov');
      }),
    ).rejects.toThrow(/ändras aldrig/);
    expect(await rader(avslutad)).toMatchObject({ lasloggar: 2, samtycken: 1 });
  });
});
