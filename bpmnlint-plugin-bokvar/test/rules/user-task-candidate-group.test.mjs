import { fixture, rule, verify } from '../helper.mjs';

const name = 'user-task-candidate-group';

verify(name, rule(name), {
  valid: [{ moddleElement: fixture(name, 'valid.bpmn') }],
  invalid: [
    {
      moddleElement: fixture(name, 'invalid.bpmn'),
      report: { id: 'KontaktaHyresvardenOmSkulden', message: 'Användaruppgiften saknar kandidatgrupp (camunda:candidateGroups): ingen ser den i Tasklist' },
    },
  ],
});
