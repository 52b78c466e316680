const { is, annotate } = require('../lib/moddle');

/**
 * A user task's due date (camunda:dueDate), where it has one, is the deadline calendar's
 * `${<frist>Forfaller}`, computed by berakna-frister with the deadline the task serves. A date or
 * duration written in the diagram would differ from the deadline the case is measured against.
 */
const FROM_CALENDAR = /^\$\{[a-zA-Z0-9]+Forfaller\}$/;

/** @type { import('bpmnlint/lib/types.js').RuleFactory } */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    const dueDate = node.get('camunda:dueDate');
    if (dueDate !== undefined && !FROM_CALENDAR.test(dueDate)) {
      reporter.report(node.id, `Förfallodatumet ska vara \${<frist>Forfaller} från fristkalendern, inte "${dueDate}"`);
    }
  }
  return annotate('due-date-from-calendar', { check });
};
