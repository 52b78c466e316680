import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, ProcessDefinition, ProcessInstance } from '../../engine-rest/types.ts';
import { repoRoot } from '../../scripts/config.ts';
import { deployModels, describeDeployed, modelsDir } from '../../scripts/deploy.ts';
import { migrera, type Korning, type Resultat } from '../../scripts/migrering/migrera.ts';
import type { Planfil } from '../../scripts/migrering/plan.ts';
import { DriftsattningVagrad } from '../../scripts/versionskontroll.ts';
import type { Tidslinje } from '../../ui/revision/tidslinje/types.ts';
import { engineAsAdmin, eventually, stack } from './support/engine.ts';
import { fixturesDir, importScenarioPeople } from './support/fixtures.ts';
import { completeWhenOpen, openTasks, waitForTask } from './support/scenario.ts';
import { ui, underrattelse } from './support/ui.ts';

/**
 * Version tags and migrating running cases (issue 20, items 2 and 3), on the
 * real stack. Three hot-om-avhysning cases start on version N of the current
 * models (tag 2026.12-1) and wait in kontakt-och-utredning (a called instance)
 * at Aktualisera. Version N+1 (fixtures/migrering/, tag 2026.12-2) renames a
 * later step of kontakt-och-utredning. A dry run, a plan the engine refuses, and
 * a plan that leaves an active step unmapped (the batch fails for that instance)
 * move nothing of what they should not; the generated plan then moves two cases
 * with their called instances, which continue on N+1 and meet the renamed step;
 * the auditor's timeline shows the migration and the versions.
 * People (fixtures/scenarier-folkbokforing.csv), owned by this file: Mats
 * Migrering, Vera Versionsson, Tage Taggström.
 */
const NY_TAGG = '2026.12-2';
const NYTT_NAMN = 'Kontakta hyresvärden om skulden och hyresavtalet';
const PERSONER = [
  { hyresgast: { personnummer: '197311024017', namn: 'Mats Migrering' }, lgh: '1101', gata: 'Versionsgatan 40' },
  { hyresgast: { personnummer: '197311024025', namn: 'Vera Versionsson' }, lgh: '1102', gata: 'Versionsgatan 42' },
  { hyresgast: { personnummer: '198002145012', namn: 'Tage Taggström' }, lgh: '1103', gata: 'Versionsgatan 44' },
];

let db: Knex;
let planKatalog: string;
const arenden: string[] = [];
let franVersion: number;

const run = promisify(execFile);

const korning = (over: Partial<Korning>): Korning => ({
  key: 'hot-om-avhysning',
  franRef: String(franVersion),
  tillTagg: NY_TAGG,
  plan: undefined,
  arenden: undefined,
  torrkorning: false,
  av: undefined,
  planKatalog,
  utfordAv: 'petra',
  motoranvandare: stack().admin.user,
  batchTimeoutMs: 120_000,
  ...over,
});

async function kor(over: Partial<Korning>): Promise<{ r: Resultat; logg: string[] }> {
  const logg: string[] = [];
  const r = await migrera(engineAsAdmin(), db, korning(over), (rad) => logg.push(rad));
  return { r, logg };
}

/** The definitions (key → version and tag) the case's running instances are on. */
async function versionerAv(nr: string): Promise<Record<string, { version: number; tag: string | null }>> {
  const instanser = await engineAsAdmin().get<ProcessInstance[]>('/process-instance', { businessKey: nr });
  const resultat: Record<string, { version: number; tag: string | null }> = {};
  for (const i of instanser) {
    const d = await engineAsAdmin().get<ProcessDefinition>(`/process-definition/${i.definitionId}`);
    resultat[d.key] = { version: d.version, tag: d.versionTag };
  }
  return resultat;
}

async function latest(key: string): Promise<ProcessDefinition> {
  const [d] = await engineAsAdmin().get<ProcessDefinition[]>('/process-definition', { key, latestVersion: true });
  return d!;
}

/** A copy of bpmn/ with some diagrams replaced or edited: what a process owner's working copy would hold. */
function kopiaAvModellerna(andra: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bokvar-bpmn-'));
  fs.cpSync(modelsDir, dir, { recursive: true });
  andra(dir);
  return dir;
}

beforeAll(async () => {
  db = knex({ client: 'pg', connection: stack().databaseUrl });
  await importScenarioPeople(stack().databaseUrl);
  planKatalog = fs.mkdtempSync(path.join(os.tmpdir(), 'bokvar-migreringar-'));
  for (const p of PERSONER) {
    const r = await ui('POST', '/api/underrattelser', {
      user: 'vera',
      body: underrattelse({
        hyresgast: p.hyresgast,
        adress: { gatuadress: p.gata, postnummer: '41330', ort: 'Göteborg', lagenhetsnummer: p.lgh },
      }),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    arenden.push(r.body.arendenummer);
  }
  for (const nr of arenden) await waitForTask(nr, 'Aktualisera');
  const start = await versionerAv(arenden[0]!);
  expect(start['hot-om-avhysning']?.tag).toBe('2026.12-1');
  expect(start['kontakt-och-utredning']?.tag).toBe('2026.12-1');
  franVersion = start['hot-om-avhysning']!.version;
}, 180_000);

afterAll(async () => {
  // Later test files run the real models: they become the latest versions again (a new version, tag 2026.12-1).
  await deployModels(engineAsAdmin());
  await db?.destroy();
});

describe('version tags at deployment', () => {
  it('refuses a changed diagram whose tag did not change, naming the file and process, and deploys nothing', async () => {
    const fore = await latest('kontakt-och-utredning');
    const kopia = kopiaAvModellerna((dir) => {
      const fil = path.join(dir, 'kontakt-och-utredning.bpmn');
      fs.writeFileSync(fil, fs.readFileSync(fil, 'utf8').replace('name="Kontakta hyresvärden"', `name="${NYTT_NAMN}"`));
    });

    const fel = await deployModels(engineAsAdmin(), kopia).catch((e: unknown) => e);

    expect(fel).toBeInstanceOf(DriftsattningVagrad);
    const text = (fel as Error).message;
    expect(text).toContain('Driftsättningen stoppades – ingenting driftsattes');
    expect(text).toContain('kontakt-och-utredning.bpmn, processen «kontakt-och-utredning»');
    expect(text).toContain('versionstaggen är fortfarande 2026.12-1');
    expect(text).toMatch(/Sätt en ny versionstagg.*npm run deploy igen/);
    expect((await latest('kontakt-och-utredning')).id).toBe(fore.id);
  });

  it('deploys the changed diagrams with their new tag as the next versions', async () => {
    const kopia = kopiaAvModellerna((dir) => {
      for (const f of ['hot-om-avhysning.bpmn', 'kontakt-och-utredning.bpmn']) {
        fs.copyFileSync(path.join(fixturesDir, 'migrering', f), path.join(dir, f));
      }
    });
    const driftsatta = describeDeployed(await deployModels(engineAsAdmin(), kopia));
    expect(driftsatta.sort()).toEqual([
      expect.stringMatching(/^hot-om-avhysning version \d+$/),
      expect.stringMatching(/^kontakt-och-utredning version \d+$/),
    ]);
    expect((await latest('hot-om-avhysning')).versionTag).toBe(NY_TAGG);
    expect((await latest('kontakt-och-utredning')).versionTag).toBe(NY_TAGG);
    // deploying the same again makes nothing new
    expect(describeDeployed(await deployModels(engineAsAdmin(), kopia))).toEqual([]);
  }, 60_000);
});

describe('npm run migrera', () => {
  let planfil: string;

  it('dry run: builds the plan for the case and its called instance, saves it for review, and moves nothing', async () => {
    const nr = arenden[2]!;
    const { stdout } = await run(
      'npx',
      [
        'tsx',
        path.join(repoRoot, 'scripts', 'migrera.ts'),
        '--fran',
        `hot-om-avhysning:2026.12-1`,
        '--till',
        NY_TAGG,
        '--arenden',
        nr,
        '--torrkorning',
      ],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          BOKVAR_ENGINE_URL: stack().engineRestUrl,
          BOKVAR_ADMIN_USER: stack().admin.user,
          BOKVAR_ADMIN_PASSWORD: stack().admin.password,
          DATABASE_URL: stack().databaseUrl,
          BOKVAR_MIGRERINGSPLANER: planKatalog,
        },
      },
    );
    expect(stdout).toContain('Motorn godkänner planen.');
    expect(stdout).toContain(`Skulle flytta hot-om-avhysning version ${franVersion} (2026.12-1)`);
    expect(stdout).toMatch(/Skulle flytta kontakt-och-utredning version \d+ \(2026\.12-1\) → version \d+ \(2026\.12-2\): 1 instanser/);
    expect(stdout).toContain('Torrkörning: ingenting flyttades.');

    planfil = path.join(planKatalog, `hot-om-avhysning-fran-2026.12-1-till-${NY_TAGG}.json`);
    const plan = JSON.parse(fs.readFileSync(planfil, 'utf8')) as Planfil;
    expect(plan.planer.map((p) => p.process)).toEqual(['hot-om-avhysning', 'kontakt-och-utredning']);
    const kontakt = plan.planer[1]!.plan.instructions;
    expect(kontakt).toContainEqual(expect.objectContaining({ sourceActivityIds: ['Aktualisera'], targetActivityIds: ['Aktualisera'] }));
    // the two-week reminder's timer kept its definition: its job (and due date) stays
    expect(kontakt.find((i) => i.sourceActivityIds[0] === 'TvaVeckor')?.updateEventTrigger).toBe(false);

    expect(await versionerAv(nr)).toMatchObject({
      'hot-om-avhysning': { tag: '2026.12-1' },
      'kontakt-och-utredning': { tag: '2026.12-1' },
    });
    expect(await db('processmigreringar').whereIn('arendenummer', arenden)).toEqual([]);
  }, 120_000);

  it('a plan the engine cannot apply: the problems in Swedish, and nothing moved', async () => {
    const plan = JSON.parse(fs.readFileSync(planfil, 'utf8')) as Planfil;
    const aktualisera = plan.planer[1]!.plan.instructions.find((i) => i.sourceActivityIds[0] === 'Aktualisera')!;
    aktualisera.targetActivityIds = ['FinnsInte'];
    const felaktig = path.join(planKatalog, 'felaktig.json');
    fs.writeFileSync(felaktig, JSON.stringify(plan, null, 2));

    const { r, logg } = await kor({ plan: felaktig, arenden: [arenden[2]!] });

    expect(r.valideringsfel).toEqual([expect.stringContaining('instruktionen Aktualisera → FinnsInte kan inte användas')]);
    expect(logg).toContain('Ingenting flyttades. Rätta planfilen (eller modellen) och kör igen.');
    expect(r.utfall).toEqual([]);
    expect(await versionerAv(arenden[2]!)).toMatchObject({ 'kontakt-och-utredning': { tag: '2026.12-1' } });
    expect(await db('processmigreringar').whereIn('arendenummer', arenden)).toEqual([]);
  }, 60_000);

  it("an instance the plan cannot move (its active step unmapped): the batch job's reason is reported and recorded", async () => {
    const plan = JSON.parse(fs.readFileSync(planfil, 'utf8')) as Planfil;
    plan.planer = plan.planer.filter((p) => p.process === 'kontakt-och-utredning');
    plan.planer[0]!.plan.instructions = plan.planer[0]!.plan.instructions.filter((i) => i.sourceActivityIds[0] !== 'Aktualisera');
    const ofullstandig = path.join(planKatalog, 'ofullstandig.json');
    fs.writeFileSync(ofullstandig, JSON.stringify(plan, null, 2));
    const kontaktVersion = (await versionerAv(arenden[2]!))['kontakt-och-utredning']!.version;

    const { r, logg } = await kor({
      key: 'kontakt-och-utredning',
      franRef: String(kontaktVersion),
      plan: ofullstandig,
      arenden: [arenden[2]!],
    });

    expect(r.valideringsfel).toEqual([]);
    expect(r.utfall).toHaveLength(1);
    expect(r.utfall[0]).toMatchObject({ flyttad: false, arendenummer: arenden[2] });
    expect(r.utfall[0]!.orsak).toContain('Aktualisera');
    expect(logg).toContain('Kunde inte flyttas: 1');
    expect(await versionerAv(arenden[2]!)).toMatchObject({ 'kontakt-och-utredning': { tag: '2026.12-1' } });
    const [rad] = await db('processmigreringar').where({ arendenummer: arenden[2] });
    expect(rad).toMatchObject({ resultat: 'ej-flyttad', utford_av: 'petra', fran_versionstagg: '2026.12-1', till_versionstagg: NY_TAGG });
    // no batch is left behind with failed jobs
    expect(await engineAsAdmin().get<unknown[]>('/batch', { batchId: rad.batch_id })).toEqual([]);
  }, 180_000);

  it('moves the chosen cases with their called instances; they continue on the new version and meet its changed step', async () => {
    const [forsta, andra] = arenden as [string, string];
    const timerFore = await paminnelseTimer(forsta);

    const { r, logg } = await kor({ arenden: [forsta, andra] });

    expect(r.valideringsfel).toEqual([]);
    expect(r.utfall.map((u) => [u.arendenummer, u.fran.key, u.flyttad]).sort()).toEqual(
      [
        [forsta, 'hot-om-avhysning', true],
        [forsta, 'kontakt-och-utredning', true],
        [andra, 'hot-om-avhysning', true],
        [andra, 'kontakt-och-utredning', true],
      ].sort(),
    );
    expect(logg).toContain('Flyttade: 4');
    for (const nr of [forsta, andra]) {
      expect(await versionerAv(nr)).toMatchObject({ 'hot-om-avhysning': { tag: NY_TAGG }, 'kontakt-och-utredning': { tag: NY_TAGG } });
    }
    // the third case was not chosen and stays where it was
    expect(await versionerAv(arenden[2]!)).toMatchObject({ 'hot-om-avhysning': { tag: '2026.12-1' } });
    // the reminder keeps its job and due date
    expect(await paminnelseTimer(forsta)).toEqual(timerFore);
    const rader = await db('processmigreringar').whereIn('arendenummer', [forsta, andra]);
    expect(rader).toHaveLength(4);
    for (const rad of rader) expect(rad).toMatchObject({ resultat: 'flyttad', utford_av: 'petra', motoranvandare: stack().admin.user });

    // on N+1: the waiting step completes, and the next one is the renamed step of the new version
    for (const nr of [forsta, andra]) {
      await completeWhenOpen('vera', nr, 'Aktualisera', {
        treservaReferens: 'TRE-2026/901',
        ansvarigHandlaggare: 'Vera Vuxenenheten',
        ansvarigHandlaggareTelefon: '031-365 00 00',
        aktualiseringstyp: 'underrattelse-obetald-hyra',
        barnEnligtHandlaggare: false,
      });
      const steg = await waitForTask(nr, 'KontaktaHyresvarden');
      expect(steg.name).toBe(NYTT_NAMN);
      await completeWhenOpen('vera', nr, 'KontaktaHyresvarden', {
        hyresskuldReglerad: 'nej',
        oroForBarn: false,
        barnEnligtHyresvard: false,
      });
      await eventually('the contact with the landlord done', async () =>
        (await openTasks(nr)).every((t) => t.taskDefinitionKey !== 'KontaktaHyresvarden') ? true : undefined,
      );
    }
    const [incident] = await engineAsAdmin().get<unknown[]>('/incident', { processInstanceBusinessKey: forsta });
    expect(incident).toBeUndefined();
  }, 240_000);

  it("shows in the auditor's timeline and PDF who migrated the case, when, from which version to which, and each instance's version", async () => {
    const nr = arenden[0]!;
    const svar = await ui('GET', `/api/revision/arenden/${nr}/tidslinje?syfte=${encodeURIComponent('Intern kontroll')}`, { user: 'rut' });
    expect(svar.status).toBe(200);
    const t = svar.body as Tidslinje;
    const migreringar = t.handelser.filter((h) => h.typ === 'migrering');
    expect(migreringar).toHaveLength(2);
    for (const h of migreringar) {
      expect(h.aktor).toBe(`petra (som ${stack().admin.user})`);
      expect(h.text).toMatch(/migrerad från version \d+ \(2026\.12-1\) till version \d+ \(2026\.12-2\)/);
    }
    expect(migreringar.map((h) => h.process).sort()).toEqual(['hot-om-avhysning', 'kontakt-och-utredning']);
    const huvud = t.versioner.find((v) => v.process === 'hot-om-avhysning')!;
    expect(huvud).toMatchObject({
      anropadAv: null,
      versionstagg: NY_TAGG,
      tidigare: [{ version: franVersion, versionstagg: '2026.12-1' }],
    });
    const anropad = t.versioner.find((v) => v.process === 'kontakt-och-utredning')!;
    expect(anropad).toMatchObject({ anropadAv: huvud.processInstanceId, versionstagg: NY_TAGG, tidigare: [{ versionstagg: '2026.12-1' }] });

    const pdf = await fetch(`${stack().uiUrl}/api/revision/arenden/${nr}/tidslinje.pdf?syfte=Revision`, {
      headers: { Authorization: `Basic ${Buffer.from('rut:rut').toString('base64')}` },
    });
    expect(pdf.status).toBe(200);
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(await pdf.arrayBuffer()) }).promise;
    let text = '';
    for (let s = 1; s <= doc.numPages; s++) {
      const innehall = await (await doc.getPage(s)).getTextContent();
      text += innehall.items.map((i) => ('str' in i ? i.str : '')).join(' ') + '\n';
    }
    expect(text).toContain('Processversioner');
    expect(text).toMatch(/kontakt-och-utredning \(anropad\): version \d+ \(2026\.12-2\); tidigare version \d+ \(2026\.12-1\)/);
    expect(text).toMatch(/migrerad från version \d+ \(2026\.12-1\) till version \d+ \(2026\.12-2\)/);
  }, 60_000);
});

/** The two-week reminder's timer job of the case: its id and due date. */
async function paminnelseTimer(nr: string): Promise<{ id: string; dueDate: string | null }[]> {
  const instanser = await engineAsAdmin().get<ProcessInstance[]>('/process-instance', { businessKey: nr });
  const jobb: Job[] = [];
  for (const i of instanser)
    jobb.push(...(await engineAsAdmin().get<Job[]>('/job', { processInstanceId: i.id, activityId: 'TvaVeckor', timers: true })));
  expect(jobb).toHaveLength(1);
  return jobb.map((j) => ({ id: j.id, dueDate: j.dueDate }));
}
