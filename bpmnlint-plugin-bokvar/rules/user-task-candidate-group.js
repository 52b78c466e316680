const { is, annotate } = require('../lib/moddle');

/**
 * Every user task names the group that does it (camunda:candidateGroups): Tasklist shows a task
 * only to its candidate groups, and a task without one reaches nobody.
 *
 * @type { import('bpmnlint/lib/types.js').RuleFactory }
 */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    if (!node.get('camunda:candidateGroups')) {
      reporter.report(node.id, 'Användaruppgiften saknar kandidatgrupp (camunda:candidateGroups): ingen ser den i Tasklist');
    }
  }
  return annotate('user-task-candidate-group', { check });
};
