const { genericTexts, reportId, annotate } = require('../lib/moddle');
const { granskaText } = require('../lib/lagrumslista');

/**
 * Every legal reference a person reads in a diagram is a catalogue text of law in force
 * (frister/lagrum.ts) in a "Lagrum:" list; no raw id, no paragraph written by hand, no
 * SoL 2001:453. `npm run lagrum` rewrites ids and repealed entries into catalogue texts.
 * Every text of every element is read: names, documentation, annotations, expressions and
 * extension values.
 */

/** @type { import('bpmnlint/lib/types.js').RuleFactory } */
module.exports = function () {
  function check(node, reporter) {
    // bpmnlint does not descend into generic elements (extensions moddle does not know): read them whole
    const texts = node.$descriptor.isGeneric
      ? genericTexts(node)
      : node.$descriptor.properties
          .filter((p) => p.type === 'String' && !p.isReference && p.name !== 'id')
          .map((p) => node[p.name])
          .concat(Object.values(node.$attrs || {}))
          .filter((v) => typeof v === 'string');
    for (const fel of texts.flatMap(granskaText)) reporter.report(reportId(node), fel);
  }
  return annotate('legal-references', { check });
};
