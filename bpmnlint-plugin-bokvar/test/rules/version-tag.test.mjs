import { fixture, rule, verify } from '../helper.mjs';

const name = 'version-tag';

verify(name, rule(name), {
  valid: [{ moddleElement: fixture(name, 'valid.bpmn') }, { moddleElement: fixture(name, 'valid-not-executable.bpmn') }],
  invalid: [
    {
      moddleElement: fixture(name, 'invalid.bpmn'),
      report: { id: 'VersionTagInvalid', message: 'Processen saknar versionstagg (Version tag, camunda:versionTag), t.ex. "2026.12-1"' },
    },
  ],
});
