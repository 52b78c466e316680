const { is, documentation, annotate } = require('../lib/moddle');
const { hittaListor } = require('../lib/lagrumslista');

/**
 * Tasklist shows a user task's description — the engine evaluates the task's
 * bpmn:documentation as an expression when it creates the task — as plain text in the task's
 * Description tab. What to do and why, naming the handbook, in at most two sentences and
 * 400 characters, then the legal references: "<what and why> Lagrum: <catalogue text>; …."
 */
const DESCRIPTION_MAX = 400;
const INLEDNING = ' Lagrum: ';

function problem(description) {
  if (description.length === 0) return 'Användaruppgiften saknar beskrivning (dokumentation) för Tasklist';
  if (/[$#]\{/.test(description)) return 'Beskrivningen får inte innehålla ${…} eller #{…}: motorn läser den som ett uttryck';
  const [lista] = hittaListor(description);
  if (!lista || description.slice(lista.slut) !== '.') {
    return 'Beskrivningen ska sluta med en lagrumslista: "<vad och varför> Lagrum: <katalogtext>; <katalogtext>."';
  }
  const text = description.slice(0, lista.start - INLEDNING.length);
  if (text.length > DESCRIPTION_MAX) return `Beskrivningen före "Lagrum:" är ${text.length} tecken (högst ${DESCRIPTION_MAX})`;
  if (!/Handboken/.test(text)) return 'Beskrivningen ska nämna handbokens steg eller avsnitt ("Handboken …")';
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-ZÅÄÖ"])/);
  if (sentences.length > 2) return `Beskrivningen före "Lagrum:" har ${sentences.length} meningar (högst två)`;
  return undefined;
}

/** @type { import('bpmnlint/lib/types.js').RuleFactory } */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    const fel = problem(documentation(node));
    if (fel) reporter.report(node.id, fel);
  }
  return annotate('user-task-description', { check });
};
