const { is, annotate } = require('../lib/moddle');

/**
 * Every executable process carries a version tag (camunda:versionTag, e.g. "2026.12-1"): the
 * auditor reads from it which rules a case ran under, and `npm run deploy` refuses a changed
 * diagram whose tag did not change.
 */

/** @type { import('bpmnlint/lib/types.js').RuleFactory } */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:Process') || !node.isExecutable) return;
    if (!node.get('camunda:versionTag')) {
      reporter.report(node.id, 'Processen saknar versionstagg (Version tag, camunda:versionTag), t.ex. "2026.12-1"');
    }
  }
  return annotate('version-tag', { check });
};
