import fs from 'node:fs';
import path from 'node:path';
import type { EngineRest } from '../engine-rest/client.ts';
import { DEPLOYMENT_SOURCE } from '../engine-rest/deployment.ts';
import { RepositoryQueries } from '../engine-rest/repository.ts';
import type { Deployment, DeploymentResource, ProcessDefinition } from '../engine-rest/types.ts';
import { versionstaggar } from '../domain/versionstagg.ts';
import { bedomPaket, DriftsattningVagrad, type Bedomning, type DriftsattVersion } from './versionskontroll.ts';
import { ttlDagar } from '../domain/gallring.ts';
import { repoRoot } from './config.ts';

export const modelsDir = path.join(repoRoot, 'bpmn');

/**
 * One deployment per diagram, holding the diagram and every form it references
 * and every decision table it binds to its own deployment
 * (camunda:decisionRefBinding="deployment"). An unchanged bundle is not sent (and
 * the engine's duplicate filtering would drop it too), and a changed one is deployed whole, so
 * that forms bound with camunda:formRefBinding="deployment" always resolve.
 * (Camunda's deploy-changed-only would leave an unchanged form out of the new
 * deployment.)
 *
 * A decision table a diagram binds by `latest` or `versionTag` is deployed on
 * its own (planDecisionBundles): changed alone, it becomes a new decision
 * version without a new process version, and running cases resolve it when they
 * reach the task (docs/processagare-frister-och-beslutstabeller.md).
 */
export interface Bundle {
  name: string;
  files: string[];
}

/** How a business rule task finds its table; Camunda's default, with no attribute, is `latest`. */
export type DecisionBinding = 'deployment' | 'latest' | 'versionTag' | 'version';

export function planBundles(dir = modelsDir): Bundle[] {
  const all = listFiles(dir);
  const formsById = indexById(
    all.filter((f) => f.endsWith('.form')),
    (text) => [JSON.parse(text).id as string],
  );
  const decisionsById = decisionIndex(all);
  return all
    .filter((f) => f.endsWith('.bpmn'))
    .map((bpmn) => {
      const xml = fs.readFileSync(bpmn, 'utf8');
      const forms = references(xml, 'formRef').map((id) => resolve(formsById, id, 'formulär', bpmn));
      const decisions = decisionRefs(xml)
        .filter((r) => r.binding === 'deployment')
        .map((r) => resolve(decisionsById, r.id, 'beslutstabell', bpmn));
      return { name: path.basename(bpmn, '.bpmn'), files: [...new Set([bpmn, ...forms, ...decisions])] };
    });
}

/** A decision table deployed on its own, with how the diagrams bind it. */
export interface DecisionBundle extends Bundle {
  bindings: DecisionBinding[];
}

/** The decision tables diagrams bind by `latest` or `versionTag`: one deployment each, named after the file. */
export function planDecisionBundles(dir = modelsDir): DecisionBundle[] {
  const all = listFiles(dir);
  const decisionsById = decisionIndex(all);
  const bindings = new Map<string, Set<DecisionBinding>>();
  for (const bpmn of all.filter((f) => f.endsWith('.bpmn'))) {
    for (const r of decisionRefs(fs.readFileSync(bpmn, 'utf8'))) {
      if (r.binding === 'deployment') continue;
      const file = resolve(decisionsById, r.id, 'beslutstabell', bpmn);
      bindings.set(file, (bindings.get(file) ?? new Set()).add(r.binding));
    }
  }
  return [...bindings.keys()].sort().map((dmn) => ({ name: path.basename(dmn), files: [dmn], bindings: [...bindings.get(dmn)!].sort() }));
}

/**
 * Deploys every bundle whose content differs from its processes' latest
 * deployed versions. All bundles are judged first (./versionskontroll.ts):
 * when any changed diagram kept its version tag nothing is deployed and
 * DriftsattningVagrad names each refusal.
 */
export async function deployModels(engine: EngineRest, dir = modelsDir): Promise<Deployment[]> {
  const bundles = planBundles(dir);
  const judged = await Promise.all(bundles.map(async (bundle) => ({ bundle, bedomning: await judgeBundle(engine, dir, bundle) })));
  const refusals = judged.flatMap(({ bedomning }) => (bedomning.utfall === 'vagrad' ? bedomning.skal : []));
  if (refusals.length > 0) throw new DriftsattningVagrad(refusals);
  const deployments: Deployment[] = [];
  // Every table is judged before anything is deployed too: a refused table stops the run as a refused diagram does.
  const tables: DecisionBundle[] = [];
  for (const bundle of planDecisionBundles(dir)) if (await decisionTableChanged(engine, bundle)) tables.push(bundle);
  // Tables first: a diagram deployed in the same run that binds `latest` then finds the new rule.
  for (const bundle of tables) deployments.push(await deploy(engine, dir, bundle));
  for (const { bundle } of judged.filter(({ bedomning }) => bedomning.utfall === 'driftsatt'))
    deployments.push(await deploy(engine, dir, bundle));
  return deployments;
}

async function deploy(engine: EngineRest, dir: string, bundle: Bundle): Promise<Deployment> {
  const form = new FormData();
  form.set('deployment-name', bundle.name);
  form.set('deployment-source', DEPLOYMENT_SOURCE);
  form.set('enable-duplicate-filtering', 'true');
  for (const file of bundle.files) {
    const name = resourceName(dir, file);
    form.append(name, new Blob([fs.readFileSync(file)]), name);
  }
  return engine.postMultipart<Deployment>('/deployment/create', form);
}

type DefinitionRow = { id: string; version: number };

/**
 * Whether a table deployed on its own has anything new for the engine, and whether its
 * version tags allow it. A tag names one content: a file whose tag is already deployed with
 * other content is refused (give it a new tag). A table bound by versionTag must have exactly
 * one definition per tag, or the engine cannot choose and the task fails in every case that
 * reaches it: a file whose tag is deployed with the same content is already there, and is
 * not deployed again. A table that equals its latest version is unchanged.
 */
async function decisionTableChanged(engine: EngineRest, bundle: DecisionBundle): Promise<boolean> {
  const dmn = bundle.files[0]!;
  const xml = fs.readFileSync(dmn, 'utf8');
  const same = async (d: DefinitionRow) =>
    (await engine.get<{ dmnXml: string }>(`/decision-definition/${encodeURIComponent(d.id)}/xml`)).dmnXml === xml;
  let changed = false;
  for (const { id, versionTag } of decisionTags(xml)) {
    const [latest] = await engine.get<DefinitionRow[]>('/decision-definition', { key: id, latestVersion: true });
    if (latest && (await same(latest))) continue;
    if (versionTag) {
      const tagged = await engine.get<DefinitionRow[]>('/decision-definition', { key: id, versionTag });
      const other = [];
      for (const t of tagged) if (!(await same(t))) other.push(t.version);
      if (other.length > 0) {
        throw new Error(
          `${path.basename(dmn)}: beslutstabellen "${id}" med versionTag "${versionTag}" finns redan driftsatt med annat innehåll ` +
            `(version ${other.join(', ')}). Ge tabellen en ny camunda:versionTag` +
            (bundle.bindings.includes('versionTag') ? ' och peka ut den i diagrammets camunda:decisionRefVersionTag.' : '.'),
        );
      }
      if (tagged.length > 0 && bundle.bindings.includes('versionTag')) continue;
    }
    changed = true;
  }
  return changed;
}

function resourceName(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

/** The bundle's files and each process's latest deployed version, read from the engine, judged. */
async function judgeBundle(engine: EngineRest, dir: string, bundle: Bundle): Promise<Bedomning> {
  const diagram = bundle.files[0]!;
  const filer = new Map(bundle.files.map((f) => [resourceName(dir, f), fs.readFileSync(f, 'utf8')] as const));
  const processer = versionstaggar(filer.get(resourceName(dir, diagram))!);
  const driftsatt = new Map<string, DriftsattVersion | undefined>();
  for (const key of processer.keys()) driftsatt.set(key, await latestDeployed(engine, key, [...filer.keys()]));
  return bedomPaket({ diagram: resourceName(dir, diagram), processer, filer }, driftsatt);
}

/** The latest version of a process and those of its deployment's files the bundle names. */
export async function latestDeployed(engine: EngineRest, key: string, names: string[]): Promise<DriftsattVersion | undefined> {
  const [latest] = await engine.get<ProcessDefinition[]>('/process-definition', { key, latestVersion: true, withoutTenantId: true });
  if (!latest) return undefined;
  const resources = await engine.get<DeploymentResource[]>(`/deployment/${latest.deploymentId}/resources`);
  const resurser = new Map<string, string>();
  for (const r of resources.filter((x) => names.includes(x.name))) {
    resurser.set(r.name, await engine.getText(`/deployment/${latest.deploymentId}/resources/${r.id}/data`));
  }
  return { version: latest.version, versionTag: latest.versionTag, resurser };
}

/**
 * "kronofogden-avhysning version 2", "beslutstabell kontakt-med-hyresvard version 3" for what a deployment
 * run changed. A table deployed with its diagram is part of that process version and not named apart.
 */
export function describeDeployed(deployments: Deployment[]): string[] {
  return deployments.flatMap((d) => {
    const processes = Object.values(d.deployedProcessDefinitions ?? {});
    if (processes.length > 0) return processes.map((p) => `${p.key} version ${p.version}`);
    return Object.values(d.deployedDecisionDefinitions ?? {}).map((t) => `beslutstabell ${t.key} version ${t.version}`);
  });
}

function decisionIndex(files: string[]): Map<string, string> {
  return indexById(
    files.filter((f) => f.endsWith('.dmn')),
    (text) => decisionTags(text).map((d) => d.id),
  );
}

function decisionTags(xml: string): { id: string; versionTag: string | undefined }[] {
  return [...xml.matchAll(/<decision\b[^>]*>/g)].map((m) => ({
    id: /\bid="([^"]+)"/.exec(m[0])![1]!,
    versionTag: /\bcamunda:versionTag="([^"]+)"/.exec(m[0])?.[1],
  }));
}

/** Each business rule task's table and how it is bound. */
function decisionRefs(xml: string): { id: string; binding: DecisionBinding }[] {
  return [...xml.matchAll(/<[\w:]*businessRuleTask\b[^>]*>/g)].flatMap((m) => {
    const id = /camunda:decisionRef="([^"$]+)"/.exec(m[0])?.[1];
    if (!id) return [];
    const binding = (/camunda:decisionRefBinding="([^"]+)"/.exec(m[0])?.[1] ?? 'latest') as DecisionBinding;
    return [{ id, binding }];
  });
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(bpmn|dmn|form)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function indexById(files: string[], ids: (text: string) => string[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const file of files) for (const id of ids(fs.readFileSync(file, 'utf8'))) index.set(id, file);
  return index;
}

function references(xml: string, attribute: string): string[] {
  return [...xml.matchAll(new RegExp(`camunda:${attribute}="([^"$]+)"`, 'g'))].map((m) => m[1] as string);
}

function resolve(index: Map<string, string>, id: string, kind: string, bpmn: string): string {
  const file = index.get(id);
  if (!file) throw new Error(`${path.basename(bpmn)} hänvisar till ${kind} "${id}" som inte finns i bpmn/`);
  return file;
}

/**
 * Applies the one retention setting (BOKVAR_HISTORIK_TTL) to every deployed
 * process and decision definition of Bokvar's models (deployment source
 * bokvar/bpmn), every version. New definitions take the engine's default,
 * but one deployed before the setting changed keeps the value it was deployed
 * with; this brings every version in step. Idempotent: only definitions with a
 * different value are changed. Returns how many were changed.
 */
export async function applyHistoryTimeToLive(engine: EngineRest, historyTimeToLive: string): Promise<number> {
  const days = ttlDagar(historyTimeToLive);
  let changed = 0;
  for (const deploymentId of await bokvarDeployments(engine)) {
    for (const resource of ['process-definition', 'decision-definition']) {
      const definitions = await engine.get<{ id: string; historyTimeToLive: number | null }[]>(`/${resource}`, { deploymentId });
      for (const d of definitions.filter((x) => x.historyTimeToLive !== days)) {
        await engine.put(`/${resource}/${encodeURIComponent(d.id)}/history-time-to-live`, { historyTimeToLive: days });
        changed += 1;
      }
    }
  }
  return changed;
}

/** Every deployment of Bokvar's models (every version), whatever else the engine holds. */
async function bokvarDeployments(engine: EngineRest): Promise<string[]> {
  const deployments = await new RepositoryQueries(engine).deployments({ source: DEPLOYMENT_SOURCE, sortBy: 'id', sortOrder: 'asc' });
  return deployments.map((d) => d.id);
}
