import { fixture, rule, verify } from '../helper.mjs';

const name = 'user-task-form';

verify(name, rule(name), {
  valid: [{ moddleElement: fixture(name, 'valid.bpmn') }],
  invalid: [
    {
      moddleElement: fixture(name, 'invalid-no-form.bpmn'),
      report: { id: 'KontaktaHyresvardenOmSkulden', message: 'Användaruppgiften saknar formulär (Form: Camunda Forms, camunda:formRef)' },
    },
    {
      moddleElement: fixture(name, 'invalid-binding-latest.bpmn'),
      report: { id: 'KontaktaHyresvardenOmSkulden', message: 'Formuläret ska bindas till driftsättningen (camunda:formRefBinding="deployment")' },
    },
  ],
});
