import { fixture, rule, verify } from '../helper.mjs';

const name = 'due-date-from-calendar';

verify(name, rule(name), {
  valid: [{ moddleElement: fixture(name, 'valid.bpmn') }],
  invalid: [
    {
      moddleElement: fixture(name, 'invalid-duration.bpmn'),
      report: { id: 'KontaktaHyresvardenOmSkulden', message: 'Förfallodatumet ska vara ${<frist>Forfaller} från fristkalendern, inte "P3D"' },
    },
    {
      moddleElement: fixture(name, 'invalid-literal-date.bpmn'),
      report: {
        id: 'KontaktaHyresvardenOmSkulden',
        message: 'Förfallodatumet ska vara ${<frist>Forfaller} från fristkalendern, inte "2026-12-24T23:59:59+01:00"',
      },
    },
  ],
});
