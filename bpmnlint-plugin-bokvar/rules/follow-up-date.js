const { is, annotate } = require('../lib/moddle');
const waiting = require('../data/vantande-uppgifter.json').uppgifter;

/**
 * Exactly the user tasks that wait on someone else carry a follow-up date
 * (camunda:followUpDate), and it is the one data/vantande-uppgifter.json names. Tasklist's
 * "Mina uppgifter" hides such a task until then; "Väntar på svar" lists it (docs/tasklist.md).
 * A follow-up date on any other task would hide work that is due.
 */

/** @type { import('bpmnlint/lib/types.js').RuleFactory } */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    const followUp = node.get('camunda:followUpDate');
    const expected = Object.prototype.hasOwnProperty.call(waiting, node.id) ? waiting[node.id].followUp : undefined;
    if (followUp === expected) return;
    if (expected === undefined) {
      reporter.report(node.id, `Uppgiften väntar inte på någon annan och ska inte ha uppföljningsdatum ("${followUp}")`);
    } else {
      reporter.report(node.id, `Uppgiften ${waiting[node.id].why}: uppföljningsdatum ska vara ${expected}`);
    }
  }
  return annotate('follow-up-date', { check });
};
