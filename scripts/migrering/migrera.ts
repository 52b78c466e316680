import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { EngineRest } from '../../engine-rest/client.ts';
import { MigrationApi } from '../../engine-rest/migration.ts';
import type { ProcessInstance } from '../../engine-rest/types.ts';
import type { Argument } from './argument.ts';
import { awaitBatch, reasonFor } from './batch.ts';
import { generatePlan, planfilnamn, valideringsfel, vers, type Definition, type Delplan, type Planfil } from './plan.ts';
import {
  definitionById,
  definitionXml,
  MigreringsFel,
  perDefinition,
  selectInstances,
  sourceDefinition,
  targetDefinition,
} from './urval.ts';

/**
 * One run of `npm run migrera` (docs/processagare-versioner-och-migrering.md):
 * resolve the versions, select the instances and those they called, build or
 * read the plans, let the engine validate them, and (unless it is a dry run)
 * migrate each plan's instances as a batch, then record every instance's
 * outcome in `processmigreringar`.
 */
export interface Korning extends Argument {
  /** Where generated plans are written (bpmn/migreringar/). */
  planKatalog: string;
  utfordAv: string;
  motoranvandare: string;
  batchTimeoutMs?: number;
}

export interface Instansutfall {
  arendenummer: string | null;
  processInstanceId: string;
  fran: Definition;
  till: Definition;
  batchId: string | null;
  flyttad: boolean;
  orsak: string | null;
}

export interface Resultat {
  planfil: string;
  valideringsfel: string[];
  utfall: Instansutfall[];
  torrkorning: boolean;
}

interface Uppdrag {
  delplan: Delplan;
  instanser: ProcessInstance[];
}

type Anropad = { fran: Definition; till: Definition; instanser: ProcessInstance[] };
type Logg = (rad: string) => void;

export async function migrera(engine: EngineRest, db: Knex | undefined, k: Korning, logg: Logg): Promise<Resultat> {
  const api = new MigrationApi(engine);
  const fran = await sourceDefinition(engine, k.key, k.franRef);
  const till = await targetDefinition(engine, k.key, k.tillTagg);
  if (fran.id === till.id) throw new MigreringsFel(`${k.key} ${vers(fran)} är redan versionen med taggen ${k.tillTagg}: inget att flytta.`);
  logg(`Process ${k.key}: från ${vers(fran)} till ${vers(till)}.`);

  const urval = await selectInstances(engine, fran, k.arenden);
  for (const nr of urval.utanInstans) logg(`Ärende ${nr}: har ingen pågående instans på ${k.key} ${vers(fran)} – hoppas över.`);
  logg(`${urval.instanser.length} pågående instanser av ${k.key} ${vers(fran)}, ${urval.anropade.length} anropade instanser under dem.`);
  const anropade = await calledTargets(engine, urval.anropade, k.tillTagg, logg);

  const { planfil, uppdrag, ejFlyttade } = k.plan
    ? readPlans(k.plan, k, fran, till, urval.instanser, anropade, logg)
    : { ...(await buildPlans(engine, api, k, fran, till, urval.instanser, anropade, logg)), ejFlyttade: [] };
  for (const u of uppdrag) {
    const { process: p, fran: f, till: t, plan } = u.delplan;
    logg(`  ${p}: ${vers(f)} → ${vers(t)}, ${plan.instructions.length} instruktioner, ${u.instanser.length} instanser`);
  }

  const fel: string[] = [];
  for (const u of uppdrag) fel.push(...valideringsfel(u.delplan, await api.validate(u.delplan.plan)));
  if (fel.length > 0) {
    logg('Planen kan inte användas – motorn säger:');
    for (const f of fel) logg(`  - ${f}`);
    logg('Ingenting flyttades. Rätta planfilen (eller modellen) och kör igen.');
    return { planfil, valideringsfel: fel, utfall: [], torrkorning: k.torrkorning };
  }
  logg('Motorn godkänner planen.');

  if (k.torrkorning) {
    for (const u of uppdrag.filter((x) => x.instanser.length > 0)) {
      logg(`Skulle flytta ${u.delplan.process} ${vers(u.delplan.fran)} → ${vers(u.delplan.till)}: ${arendeLista(u.instanser)}`);
    }
    logg('Torrkörning: ingenting flyttades.');
    return { planfil, valideringsfel: [], utfall: ejFlyttade, torrkorning: true };
  }

  const resultat = [...ejFlyttade, ...(await execute(engine, api, uppdrag, k, logg))];
  if (db) await registrera(db, resultat, k, planfil);
  report(resultat, logg);
  return { planfil, valideringsfel: [], utfall: resultat, torrkorning: false };
}

/** Each called definition version goes to its process's version with the same tag, or its latest; those already there stay. */
async function calledTargets(engine: EngineRest, instanser: ProcessInstance[], tillTagg: string, logg: Logg): Promise<Anropad[]> {
  const anropade: Anropad[] = [];
  for (const [id, grupp] of perDefinition(instanser)) {
    const d = await definitionById(engine, id);
    const mal = await targetDefinition(engine, d.key, tillTagg, true);
    if (d.id === mal.id) logg(`Anropade ${d.key}: ${grupp.length} instanser är redan på ${vers(d)}.`);
    else anropade.push({ fran: d, till: mal, instanser: grupp });
  }
  return anropade;
}

/** The reviewed plan file: its plan for each selected version; a called version it has no plan for is not moved. */
function readPlans(
  fil: string,
  k: Korning,
  fran: Definition,
  till: Definition,
  instanser: ProcessInstance[],
  anropade: Anropad[],
  logg: Logg,
): { planfil: string; uppdrag: Uppdrag[]; ejFlyttade: Instansutfall[] } {
  const planfil = path.resolve(fil);
  const innehall = JSON.parse(fs.readFileSync(planfil, 'utf8')) as Planfil;
  const planFor = (d: Definition) => innehall.planer.find((p) => p.fran.id === d.id);
  const huvud = planFor(fran);
  if (!huvud) throw new MigreringsFel(`Planfilen ${fil} har ingen plan för ${k.key} ${vers(fran)}.`);
  if (huvud.till.id !== till.id) {
    throw new MigreringsFel(`Planfilen ${fil} flyttar ${k.key} till ${vers(huvud.till)}, inte till ${vers(till)} som --till anger.`);
  }
  const uppdrag: Uppdrag[] = [{ delplan: huvud, instanser }];
  const ejFlyttade: Instansutfall[] = [];
  for (const a of anropade) {
    const p = planFor(a.fran);
    if (p) {
      uppdrag.push({ delplan: p, instanser: a.instanser });
      continue;
    }
    const orsak = `planfilen har ingen plan för ${a.fran.key} ${vers(a.fran)}`;
    logg(`Anropade ${a.fran.key} ${vers(a.fran)}: ${orsak} – ${a.instanser.length} instanser flyttas inte.`);
    ejFlyttade.push(...a.instanser.map((i) => utfall(i, a.fran, a.till, null, false, orsak)));
  }
  logg(`Använder planen i ${path.relative(process.cwd(), planfil)}.`);
  return { planfil, uppdrag, ejFlyttade };
}

/** The engine's plans for the case's process and every called version, saved for review. */
async function buildPlans(
  engine: EngineRest,
  api: MigrationApi,
  k: Korning,
  fran: Definition,
  till: Definition,
  instanser: ProcessInstance[],
  anropade: Anropad[],
  logg: Logg,
): Promise<{ planfil: string; uppdrag: Uppdrag[] }> {
  const xml = new Map<string, string>();
  const xmlFor = async (d: Definition) => xml.get(d.id) ?? xml.set(d.id, await definitionXml(engine, d.id)).get(d.id)!;
  const plan = async (f: Definition, t: Definition) => generatePlan(api, f, t, await xmlFor(f), await xmlFor(t));
  const uppdrag: Uppdrag[] = [{ delplan: await plan(fran, till), instanser }];
  for (const a of anropade) uppdrag.push({ delplan: await plan(a.fran, a.till), instanser: a.instanser });
  const fil: Planfil = {
    beskrivning:
      'Migreringsplan för granskning. Varje plan flyttar instanser från en version till en annan; instructions säger vilken aktivitet ' +
      '(sourceActivityIds) som motsvarar vilken i den nya versionen (targetActivityIds). Redigera och kör sedan med --plan.',
    skapad: new Date().toISOString(),
    fran: `${k.key}:${k.franRef}`,
    till: k.tillTagg,
    planer: uppdrag.map((u) => u.delplan),
  };
  fs.mkdirSync(k.planKatalog, { recursive: true });
  const planfil = path.join(k.planKatalog, planfilnamn(k.key, k.franRef, k.tillTagg));
  fs.writeFileSync(planfil, JSON.stringify(fil, null, 2) + '\n');
  logg(`Planen är sparad i ${path.relative(process.cwd(), planfil)} – granska den, ändra vid behov och kör med --plan.`);
  return { planfil, uppdrag };
}

/** One batch per plan; afterwards each instance's definition says whether it moved, and the failed jobs why not. */
async function execute(engine: EngineRest, api: MigrationApi, uppdrag: Uppdrag[], k: Korning, logg: Logg): Promise<Instansutfall[]> {
  const resultat: Instansutfall[] = [];
  for (const u of uppdrag.filter((x) => x.instanser.length > 0)) {
    const { delplan } = u;
    const batch = await api.executeAsync(
      delplan.plan,
      u.instanser.map((i) => i.id),
    );
    logg(`${delplan.process}: batch ${batch.id} startad för ${u.instanser.length} instanser …`);
    const misslyckade = await awaitBatch(api, batch, k.batchTimeoutMs ?? 10 * 60_000);
    const nu = await engine.postAll<ProcessInstance>('/process-instance', { processInstanceIds: u.instanser.map((i) => i.id) });
    const definitionNu = new Map(nu.map((i) => [i.id, i.definitionId]));
    for (const i of u.instanser) {
      const dNu = definitionNu.get(i.id);
      const flyttad = dNu === delplan.till.id;
      const orsak = flyttad ? null : dNu === undefined ? 'instansen avslutades under migreringen' : reasonFor(i.id, misslyckade);
      resultat.push(utfall(i, delplan.fran, delplan.till, batch.id, flyttad, orsak));
    }
    // Failed jobs stay in the batch with no retries left; the reasons are reported and recorded here.
    if (misslyckade.length > 0) await api.deleteBatch(batch.id);
  }
  return resultat;
}

function report(resultat: Instansutfall[], logg: Logg): void {
  const flyttade = resultat.filter((r) => r.flyttad);
  logg(`Flyttade: ${flyttade.length}`);
  for (const r of flyttade) logg(`  ${r.arendenummer ?? '(utan ärende)'} ${r.fran.key}: ${vers(r.fran)} → ${vers(r.till)}`);
  const inte = resultat.filter((r) => !r.flyttad);
  logg(`Kunde inte flyttas: ${inte.length}`);
  for (const r of inte) logg(`  ${r.arendenummer ?? '(utan ärende)'} ${r.fran.key} ${vers(r.fran)}: ${r.orsak}`);
}

function utfall(
  i: ProcessInstance,
  fran: Definition,
  till: Definition,
  batchId: string | null,
  flyttad: boolean,
  orsak: string | null,
): Instansutfall {
  return { arendenummer: i.businessKey, processInstanceId: i.id, fran, till, batchId, flyttad, orsak };
}

function arendeLista(instanser: ProcessInstance[]): string {
  return `${instanser.length} instanser (${[...new Set(instanser.map((i) => i.businessKey ?? '–'))].join(', ')})`;
}

async function registrera(db: Knex, resultat: Instansutfall[], k: Korning, planfil: string): Promise<void> {
  if (resultat.length === 0) return;
  await db('processmigreringar').insert(
    resultat.map((r) => ({
      arendenummer: r.arendenummer,
      process_instance_id: r.processInstanceId,
      process_key: r.fran.key,
      fran_definition_id: r.fran.id,
      fran_version: r.fran.version,
      fran_versionstagg: r.fran.versionTag,
      till_definition_id: r.till.id,
      till_version: r.till.version,
      till_versionstagg: r.till.versionTag,
      batch_id: r.batchId,
      utford_av: k.utfordAv,
      motoranvandare: k.motoranvandare,
      resultat: r.flyttad ? 'flyttad' : 'ej-flyttad',
      orsak: r.orsak,
      planfil: path.basename(planfil),
    })),
  );
}
