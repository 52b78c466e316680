import { fixture, rule, verify } from '../helper.mjs';

const name = 'follow-up-date-computed';
const message =
  'Uppföljningsdatumet ${svarUppfoljningSenast} ska beräknas direkt före uppgiften: ett enda inflöde från Beräkna frister med svarUppfoljning';

verify(name, rule(name), {
  valid: [{ moddleElement: fixture(name, 'valid.bpmn') }, { moddleElement: fixture(name, 'valid-other-follow-up.bpmn') }],
  invalid: [
    { moddleElement: fixture(name, 'invalid-other-group.bpmn'), report: { id: 'KontaktaHyresvarden', message } },
    { moddleElement: fixture(name, 'invalid-not-after-berakna.bpmn'), report: { id: 'KontaktaHyresvarden', message } },
  ],
});
