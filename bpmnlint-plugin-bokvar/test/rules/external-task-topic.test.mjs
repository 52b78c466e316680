import { fixture, rule, verify } from '../helper.mjs';

const name = 'external-task-topic';
const invalid = (file, message) => ({ moddleElement: fixture(name, file), report: { id: 'BeraknaSvarsfrist', message } });

verify(name, rule(name), {
  valid: [{ moddleElement: fixture(name, 'valid.bpmn') }],
  invalid: [
    invalid(
      'invalid-unknown-topic.bpmn',
      'Ämnet "berakna-fristerna" har ingen arbetare och ingen elementmall i bpmn/.camunda/element-templates',
    ),
    invalid('invalid-no-template.bpmn', 'Uppgiften ska skapas från elementmallen "Beräkna frister" (Template: välj mallen)'),
    invalid(
      'invalid-old-template-version.bpmn',
      'Elementmallen "Beräkna frister" finns i version 1: uppdatera uppgiften till den (Template: Update)',
    ),
    invalid('invalid-other-template.bpmn', 'Ämnet "berakna-frister" hör inte till elementmallen "Ge pågående delprocesser de omräknade fristerna" (ämne "dela-frister")'),
    invalid('invalid-inputs.bpmn', 'Indataparametrarna (beraknaFrister, mottagen) ska vara elementmallens (beraknaFrister)'),
  ],
});
