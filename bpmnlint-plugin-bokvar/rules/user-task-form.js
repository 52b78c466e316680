const { is, annotate } = require('../lib/moddle');

/**
 * Every user task opens a Camunda Form deployed with its diagram: camunda:formRef with
 * camunda:formRefBinding="deployment". `npm run deploy` deploys a diagram together with the
 * forms it names, so the task always opens the form of its own version.
 *
 * @type { import('bpmnlint/lib/types.js').RuleFactory }
 */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    if (!node.get('camunda:formRef')) {
      reporter.report(node.id, 'Användaruppgiften saknar formulär (Form: Camunda Forms, camunda:formRef)');
    } else if (node.get('camunda:formRefBinding') !== 'deployment') {
      reporter.report(node.id, 'Formuläret ska bindas till driftsättningen (camunda:formRefBinding="deployment")');
    }
  }
  return annotate('user-task-form', { check });
};
