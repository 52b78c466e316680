import { fixture, rule, verify } from '../helper.mjs';

const name = 'task-documentation';

verify(name, rule(name), {
  valid: [{ moddleElement: fixture(name, 'valid.bpmn') }],
  invalid: [
    {
      moddleElement: fixture(name, 'invalid.bpmn'),
      report: [
        { id: 'UtredBarnen', message: 'Elementet saknar dokumentation (minst 20 tecken om vad steget gör)' },
        { id: 'SkickaBrev', message: 'Elementet saknar dokumentation (minst 20 tecken om vad steget gör)' },
      ],
    },
  ],
});
