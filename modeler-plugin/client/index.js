// Bokvar's .bpmnlintrc (the repository root), compiled by bpmnlint-loader into a config and a
// resolver that holds every rule it names: bpmnlint's, camunda-compat's and bpmnlint-plugin-bokvar's.
// Modeler runs them beside its own rules for Camunda 7 diagrams ('bpmn' tabs).
import { registerClientPlugin } from 'camunda-modeler-plugin-helpers';
import { config, resolver } from '../../.bpmnlintrc';

registerClientPlugin({ config, resolver }, 'lintRules.bpmn');
