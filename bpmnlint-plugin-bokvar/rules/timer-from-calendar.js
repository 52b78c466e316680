const { is, annotate } = require('../lib/moddle');

/**
 * Every timer fires at a date the deadline calendar computed: a bpmn:timeDate that reads
 * `${<frist>Senast}`, set by berakna-frister from frister/ and frister/installningar.json. A
 * duration or date written in the diagram would bypass the law's counting rules (working days,
 * holidays, 2 § lag (1930:173)) and the municipality's settings.
 */
const FROM_CALENDAR = /^\$\{[a-zA-Z0-9]+Senast\}$/;

/** @type { import('bpmnlint/lib/types.js').RuleFactory } */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:TimerEventDefinition')) return;
    const id = node.$parent && node.$parent.id;
    if (node.timeDuration || node.timeCycle) {
      reporter.report(id, 'Timern ska ha en tidpunkt (Type: Date) från fristkalendern, ${<frist>Senast}, inte en varaktighet eller cykel');
      return;
    }
    const body = node.timeDate && node.timeDate.body;
    if (!FROM_CALENDAR.test(body || '')) {
      reporter.report(id, `Timerns tidpunkt ska vara \${<frist>Senast} från fristkalendern, inte "${body || ''}"`);
    }
  }
  return annotate('timer-from-calendar', { check });
};
