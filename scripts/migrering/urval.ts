import type { EngineRest } from '../../engine-rest/client.ts';
import type { ProcessDefinition, ProcessInstance } from '../../engine-rest/types.ts';
import type { Definition } from './plan.ts';

/**
 * Which definitions and instances a migration concerns: the source version
 * (by number or tag), the target (by tag), the running instances on the
 * source (all, or the given cases: a case number is the business key of the
 * case's instances), and every instance those called, at any depth.
 */

export class MigreringsFel extends Error {
  override name = 'MigreringsFel';
}

const definition = (d: ProcessDefinition): Definition => ({ id: d.id, key: d.key, version: d.version, versionTag: d.versionTag });

/** `key:3` (version number) or `key:2026.12-1` (version tag). */
export async function sourceDefinition(engine: EngineRest, key: string, ref: string): Promise<Definition> {
  const query = /^\d+$/.test(ref) ? { key, version: Number(ref) } : { key, versionTag: ref };
  const hittade = await engine.get<ProcessDefinition[]>('/process-definition', { ...query, sortBy: 'version', sortOrder: 'asc' });
  const [d] = hittade;
  if (!d) throw new MigreringsFel(`Det finns ingen driftsatt version ${ref} av processen ${key}.`);
  // A tag deployed again later (content taken back) names several versions: the number says which.
  if (hittade.length > 1) {
    const versioner = hittade.map((x) => x.version).join(', ');
    throw new MigreringsFel(
      `Versionstaggen ${ref} finns på flera versioner av ${key} (${versioner}): ange versionsnumret, t.ex. ${key}:${d.version}.`,
    );
  }
  return definition(d);
}

/** The latest version of `key` with the tag; with `orLatest`, the latest version when no version has it. */
export async function targetDefinition(engine: EngineRest, key: string, tag: string, orLatest = false): Promise<Definition> {
  const [d] = await engine.get<ProcessDefinition[]>('/process-definition', { key, versionTag: tag, sortBy: 'version', sortOrder: 'desc' });
  if (d) return definition(d);
  if (orLatest) {
    const [latest] = await engine.get<ProcessDefinition[]>('/process-definition', { key, latestVersion: true });
    if (latest) return definition(latest);
  }
  throw new MigreringsFel(
    `Det finns ingen driftsatt version av processen ${key} med versionstaggen ${tag}. Driftsätt den först (npm run deploy).`,
  );
}

export async function definitionById(engine: EngineRest, id: string): Promise<Definition> {
  return definition(await engine.get<ProcessDefinition>(`/process-definition/${encodeURIComponent(id)}`));
}

export async function definitionXml(engine: EngineRest, id: string): Promise<string> {
  return (await engine.get<{ bpmn20Xml: string }>(`/process-definition/${encodeURIComponent(id)}/xml`)).bpmn20Xml;
}

export interface Urval {
  /** The running instances on the source version. */
  instanser: ProcessInstance[];
  /** Case numbers asked for that have no running instance on the source version. */
  utanInstans: string[];
  /** Every instance the selected ones called (directly or further down), with the case it belongs to. */
  anropade: ProcessInstance[];
}

export async function selectInstances(engine: EngineRest, fran: Definition, arenden: string[] | undefined): Promise<Urval> {
  let instanser: ProcessInstance[];
  const utanInstans: string[] = [];
  if (arenden) {
    instanser = [];
    for (const businessKey of arenden) {
      const hittade = await engine.get<ProcessInstance[]>('/process-instance', { businessKey, processDefinitionId: fran.id });
      if (hittade.length === 0) utanInstans.push(businessKey);
      instanser.push(...hittade);
    }
  } else {
    instanser = await engine.getAll<ProcessInstance>('/process-instance', { processDefinitionId: fran.id });
  }
  const anropade: ProcessInstance[] = [];
  for (let niva = instanser; niva.length > 0;) {
    const nasta: ProcessInstance[] = [];
    for (const i of niva) nasta.push(...(await engine.get<ProcessInstance[]>('/process-instance', { superProcessInstance: i.id })));
    anropade.push(...nasta);
    niva = nasta;
  }
  return { instanser, utanInstans, anropade };
}

/** Instances grouped by the definition they run on, in first-seen order. */
export function perDefinition(instanser: ProcessInstance[]): Map<string, ProcessInstance[]> {
  const grupper = new Map<string, ProcessInstance[]>();
  for (const i of instanser) grupper.set(i.definitionId, [...(grupper.get(i.definitionId) ?? []), i]);
  return grupper;
}
