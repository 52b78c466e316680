import { fixture, rule, verify } from '../helper.mjs';

const name = 'user-task-description';
const invalid = (file, message) => ({ moddleElement: fixture(name, file), report: { id: 'KontaktaHyresvardenOmSkulden', message } });

verify(name, rule(name), {
  valid: [{ moddleElement: fixture(name, 'valid.bpmn') }],
  invalid: [
    invalid('invalid-empty.bpmn', 'Användaruppgiften saknar beskrivning (dokumentation) för Tasklist'),
    invalid('invalid-expression.bpmn', 'Beskrivningen får inte innehålla ${…} eller #{…}: motorn läser den som ett uttryck'),
    invalid('invalid-no-list.bpmn', 'Beskrivningen ska sluta med en lagrumslista: "<vad och varför> Lagrum: <katalogtext>; <katalogtext>."'),
    invalid('invalid-text-after-list.bpmn', 'Beskrivningen ska sluta med en lagrumslista: "<vad och varför> Lagrum: <katalogtext>; <katalogtext>."'),
    invalid('invalid-no-handbook.bpmn', 'Beskrivningen ska nämna handbokens steg eller avsnitt ("Handboken …")'),
    invalid('invalid-three-sentences.bpmn', 'Beskrivningen före "Lagrum:" har 3 meningar (högst två)'),
    invalid('invalid-too-long.bpmn', 'Beskrivningen före "Lagrum:" är 496 tecken (högst 400)'),
  ],
});
