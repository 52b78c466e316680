import { fixture, rule, verify } from '../helper.mjs';

const name = 'follow-up-date';

verify(name, rule(name), {
  valid: [{ moddleElement: fixture(name, 'valid.bpmn') }],
  invalid: [
    {
      moddleElement: fixture(name, 'invalid-not-waiting.bpmn'),
      report: { id: 'KontaktaHyresvardenOmSkulden', message: 'Uppgiften väntar inte på någon annan och ska inte ha uppföljningsdatum ("P3D")' },
    },
    {
      moddleElement: fixture(name, 'invalid-missing.bpmn'),
      report: {
        id: 'KontaktaHyresvarden',
        message: 'Uppgiften väntar på hyresvärdens svar (handboken steg 5): uppföljningsdatum ska vara ${svarUppfoljningSenast}',
      },
    },
    {
      moddleElement: fixture(name, 'invalid-hand-written.bpmn'),
      report: {
        id: 'InhamtaSamtycke',
        message: 'Uppgiften väntar på hyresgästens samtycke (handboken steg 5, sekretess): uppföljningsdatum ska vara ${svarUppfoljningSenast}',
      },
    },
  ],
});
