import { fixture, rule, verify } from '../helper.mjs';

const name = 'timer-from-calendar';

verify(name, rule(name), {
  valid: [{ moddleElement: fixture(name, 'valid.bpmn') }],
  invalid: [
    {
      moddleElement: fixture(name, 'invalid-duration.bpmn'),
      report: {
        id: 'TvaVeckor',
        message: 'Timern ska ha en tidpunkt (Type: Date) från fristkalendern, ${<frist>Senast}, inte en varaktighet eller cykel',
      },
    },
    {
      moddleElement: fixture(name, 'invalid-literal-date.bpmn'),
      report: { id: 'TvaVeckor', message: 'Timerns tidpunkt ska vara ${<frist>Senast} från fristkalendern, inte "2026-12-24T00:00:00+01:00"' },
    },
    {
      moddleElement: fixture(name, 'invalid-other-variable.bpmn'),
      report: { id: 'TvaVeckor', message: 'Timerns tidpunkt ska vara ${<frist>Senast} från fristkalendern, inte "${paminnelse}"' },
    },
  ],
});
