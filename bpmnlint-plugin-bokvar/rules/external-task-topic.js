const { isAny, inputParameters, annotate } = require('../lib/moddle');
const templates = require('../data/element-templates.json');

/**
 * Every external task is inserted from the element template of its topic, at the template's
 * current version, and carries exactly the template's input parameters. The templates
 * (bpmn/.camunda/element-templates/, one per topic) match the workers one to one
 * (test/unit/bpmn/topics.test.ts), so a topic with a template has a worker that fetches it.
 * data/element-templates.json is written from the templates by `npm run bpmnlint-data`.
 */

function problem(node) {
  const topic = node.get('camunda:topic') || '';
  const forTopic = templates.find((t) => t.topic === topic);
  if (!forTopic) return `Ämnet "${topic}" har ingen arbetare och ingen elementmall i bpmn/.camunda/element-templates`;
  const template = templates.find((t) => t.id === node.get('camunda:modelerTemplate'));
  if (!template) return `Uppgiften ska skapas från elementmallen "${forTopic.name}" (Template: välj mallen)`;
  if (template.topic !== topic) return `Ämnet "${topic}" hör inte till elementmallen "${template.name}" (ämne "${template.topic}")`;
  if (Number(node.get('camunda:modelerTemplateVersion')) !== template.version) {
    return `Elementmallen "${template.name}" finns i version ${template.version}: uppdatera uppgiften till den (Template: Update)`;
  }
  const inputs = inputParameters(node)
    .map((p) => p.name)
    .sort();
  if (inputs.join(',') !== template.inputs.join(',')) {
    return `Indataparametrarna (${inputs.join(', ')}) ska vara elementmallens (${template.inputs.join(', ')})`;
  }
  return undefined;
}

/** @type { import('bpmnlint/lib/types.js').RuleFactory } */
module.exports = function () {
  function check(node, reporter) {
    if (!isAny(node, ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'])) return;
    if (node.get('camunda:type') !== 'external') return;
    const fel = problem(node);
    if (fel) reporter.report(node.id, fel);
  }
  return annotate('external-task-topic', { check });
};
