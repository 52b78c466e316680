import { DEPLOYMENT_SOURCE } from '../../engine-rest/deployment.ts';
import type { ActivityInstance } from '../../engine-rest/types.ts';
import type { Engine } from '../engine/engine.ts';
import { aktivaAktiviteter } from './arenden.ts';

/**
 * What the bpmn-js viewer draws for one process instance of a case: the
 * diagram, active activities with token counts, the completed path from
 * history, incidents, timers with their due time and the called instances
 * behind call activities.
 */
export interface Diagramdata {
  processInstanceId: string;
  processDefinitionKey: string;
  xml: string;
  aktiva: Record<string, number>;
  /** Active embedded subprocesses (scopes): marked, and the viewer opens the plane of the first active task. */
  omfang: string[];
  avslutade: string[];
  incidenter: { aktivitet: string; meddelande: string }[];
  timers: { aktivitet: string; forfaller: string | null }[];
  anropade: { aktivitet: string; processInstanceId: string }[];
  overordnad: string | null;
}

export async function diagramdata(engine: Engine, processInstanceId: string): Promise<Diagramdata> {
  const instans = await engine.history.processInstance(processInstanceId);
  const aktiv = instans.state === 'ACTIVE';
  const [xml, historik, incidenter, jobb, jobbdefinitioner, tree] = await Promise.all([
    engine.repository.processDefinitionXml(instans.processDefinitionId),
    engine.history.activityInstances({ processInstanceId }),
    engine.runtime.incidents({ processInstanceId }),
    aktiv ? engine.runtime.jobs({ processInstanceId, timers: true }) : Promise.resolve([]),
    aktiv ? engine.runtime.jobDefinitions({ processDefinitionId: instans.processDefinitionId }) : Promise.resolve([]),
    aktiv ? engine.runtime.activityInstanceTree(processInstanceId) : Promise.resolve(undefined),
  ]);
  const aktiva: Record<string, number> = {};
  for (const a of tree ? aktivaAktiviteter(tree) : []) aktiva[a.id] = (aktiva[a.id] ?? 0) + 1;
  const omfang = new Set<string>();
  const scopes = (node: ActivityInstance, root: boolean): void => {
    if (!root && node.activityType === 'subProcess' && node.childActivityInstances.length > 0) omfang.add(node.activityId);
    for (const child of node.childActivityInstances ?? []) scopes(child, false);
  };
  if (tree) scopes(tree, true);
  const avslutade = [
    ...new Set(historik.filter((h) => h.endTime && !h.canceled).map((h) => h.activityId.replace(/#multiInstanceBody$/, ''))),
  ];
  const aktivitetFor = new Map(jobbdefinitioner.map((d) => [d.id, d.activityId]));
  const anropade = new Map<string, string>();
  for (const h of historik) if (h.calledProcessInstanceId) anropade.set(h.activityId, h.calledProcessInstanceId);
  return {
    processInstanceId,
    processDefinitionKey: instans.processDefinitionKey,
    xml: xml.bpmn20Xml,
    aktiva,
    omfang: [...omfang],
    avslutade,
    incidenter: incidenter.map((i) => ({
      aktivitet: i.activityId,
      meddelande: i.incidentType === 'failedJob' || i.incidentType === 'failedExternalTask' ? 'Tekniskt fel' : i.incidentType,
    })),
    timers: jobb.map((j) => ({ aktivitet: aktivitetFor.get(j.jobDefinitionId) ?? '', forfaller: j.dueDate })).filter((t) => t.aktivitet),
    anropade: [...anropade].map(([aktivitet, id]) => ({ aktivitet, processInstanceId: id })),
    overordnad: instans.superProcessInstanceId,
  };
}

/**
 * The overview's heat map: open instances per activity for each process,
 * summed over all deployed versions, drawn on the latest version's diagram.
 * One statistics call per version with instances: cheap at any case count.
 */
export interface Oversiktsprocess {
  key: string;
  namn: string;
  senasteId: string;
  instanser: number;
  aktiviteter: Record<string, { instanser: number; incidenter: number }>;
}

export async function oversikt(engine: Engine): Promise<Oversiktsprocess[]> {
  const [definitioner, statistik, bokvarsDriftsattningar] = await Promise.all([
    engine.repository.processDefinitions({ latestVersion: true, sortBy: 'name', sortOrder: 'asc' }),
    engine.repository.processDefinitionStatistics(),
    // Bokvar's own models come from bpmn/ (scripts/deploy.ts); anything else deployed to the engine is not shown
    engine.repository.deployments({ source: DEPLOYMENT_SOURCE }),
  ]);
  const franBpmn = new Set(bokvarsDriftsattningar.map((d) => d.id));
  const result = new Map<string, Oversiktsprocess>();
  for (const d of definitioner.filter((def) => franBpmn.has(def.deploymentId))) {
    result.set(d.key, { key: d.key, namn: d.name ?? d.key, senasteId: d.id, instanser: 0, aktiviteter: {} });
  }
  const medInstanser = statistik.filter((s) => s.instances > 0);
  const perVersion = await Promise.all(medInstanser.map((s) => engine.repository.activityStatistics(s.definition.id)));
  medInstanser.forEach((s, i) => {
    const p = result.get(s.definition.key);
    if (!p) return;
    p.instanser += s.instances;
    for (const a of perVersion[i] ?? []) {
      // The body and its inner instances are both counted; the inner ones are the tokens.
      if (a.id.endsWith('#multiInstanceBody')) continue;
      const id = a.id;
      const post = (p.aktiviteter[id] ??= { instanser: 0, incidenter: 0 });
      post.instanser += a.instances;
      post.incidenter += a.incidents.reduce((sum, x) => sum + x.incidentCount, 0);
    }
  });
  return [...result.values()];
}
