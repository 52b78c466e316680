const { isAny, documentation, annotate } = require('../lib/moddle');

/** Shorter than this says nothing an auditor or a new caseworker can use. */
const MIN_LENGTH = 20;

/**
 * Every task and call activity says what it does (bpmn:documentation, at least 20 characters):
 * the viewer, the auditor's timeline and Tasklist show it.
 *
 * @type { import('bpmnlint/lib/types.js').RuleFactory }
 */
module.exports = function () {
  function check(node, reporter) {
    if (!isAny(node, ['bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:BusinessRuleTask', 'bpmn:CallActivity'])) return;
    if (documentation(node).length < MIN_LENGTH) {
      reporter.report(node.id, `Elementet saknar dokumentation (minst ${MIN_LENGTH} tecken om vad steget gör)`);
    }
  }
  return annotate('task-documentation', { check });
};
