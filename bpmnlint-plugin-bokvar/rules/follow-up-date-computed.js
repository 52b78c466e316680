const { is, isAny, inputParameters, annotate } = require('../lib/moddle');

/**
 * A task whose follow-up date is the calendar's `${svarUppfoljningSenast}` comes right after a
 * berakna-frister task that computes svarUppfoljning: the date counts N working days from the
 * task's own start, so it must be computed just before the task is created.
 */
const CALENDAR_FOLLOW_UP = '${svarUppfoljningSenast}';

function computesFollowUp(task) {
  if (!task || !isAny(task, ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'])) return false;
  if (task.get('camunda:topic') !== 'berakna-frister') return false;
  return inputParameters(task).some((p) => p.name === 'beraknaFrister' && /\bsvarUppfoljning\b/.test(p.value || ''));
}

/** @type { import('bpmnlint/lib/types.js').RuleFactory } */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask') || node.get('camunda:followUpDate') !== CALENDAR_FOLLOW_UP) return;
    const incoming = node.incoming || [];
    if (incoming.length !== 1 || !computesFollowUp(incoming[0].sourceRef)) {
      reporter.report(
        node.id,
        'Uppföljningsdatumet ${svarUppfoljningSenast} ska beräknas direkt före uppgiften: ett enda inflöde från Beräkna frister med svarUppfoljning',
      );
    }
  }
  return annotate('follow-up-date-computed', { check });
};
