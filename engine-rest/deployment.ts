/**
 * The deployment source that marks Bokvar's own models: provisioning deploys
 * bpmn/ under it, and the overview and the retention setting go by it.
 */
export const DEPLOYMENT_SOURCE = 'bokvar/bpmn';
