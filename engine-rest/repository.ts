import type { EngineRest } from './client.ts';
import type { ActivityStatistics, Deployment, ProcessDefinition, ProcessDefinitionStatistics, ProcessDefinitionXml } from './types.ts';

/**
 * Typed queries of what is deployed: process definitions, their diagrams and
 * statistics, deployments. One method per endpoint, under the engine's
 * parameter names; a list is read whole, page by page. The statistics
 * resources are not paged by the engine and are read in one request.
 */
export class RepositoryQueries {
  constructor(private readonly rest: EngineRest) {}

  processDefinitions(query: ProcessDefinitionQuery): Promise<ProcessDefinition[]> {
    return this.rest.getAll('/process-definition', query);
  }

  processDefinitionXml(processDefinitionId: string): Promise<ProcessDefinitionXml> {
    return this.rest.get(`/process-definition/${processDefinitionId}/xml`);
  }

  /** Running instances per definition version (versions without any are left out by the engine). */
  processDefinitionStatistics(): Promise<ProcessDefinitionStatistics[]> {
    return this.rest.get('/process-definition/statistics');
  }

  /** Running instances per activity of one definition version, with their incidents. */
  activityStatistics(processDefinitionId: string): Promise<ActivityStatistics[]> {
    return this.rest.get(`/process-definition/${processDefinitionId}/statistics`, { incidents: true });
  }

  /** The given definitions (any version), e.g. those a case's instances run on. */
  processDefinitionsById(ids: string[]): Promise<ProcessDefinition[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.rest.getAll('/process-definition', { processDefinitionIdIn: ids.join(',') });
  }

  deployments(query: DeploymentQuery): Promise<Deployment[]> {
    return this.rest.getAll('/deployment', query);
  }
}

/** GET queries: plain values only, as the URL carries them. */
export type ProcessDefinitionQuery = {
  latestVersion?: boolean;
  sortBy?: 'name' | 'key' | 'version' | 'id';
  sortOrder?: 'asc' | 'desc';
};

export type DeploymentQuery = {
  source?: string;
  sortBy?: 'id' | 'name' | 'deploymentTime';
  sortOrder?: 'asc' | 'desc';
};
