import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelsDir, planBundles } from '../../scripts/deploy.ts';

describe('deployment bundles', () => {
  it('deploys each diagram with the forms it references', () => {
    // when
    const bundles = planBundles();
    // then
    const kronofogden = bundles.find((b) => b.name === 'kronofogden-avhysning');
    expect(kronofogden?.files.map((f) => path.relative(modelsDir, f))).toEqual([
      'kronofogden-avhysning.bpmn',
      'kontrollera-uppgifterna.form',
      'overvag-skatteverket.form',
      'samrad-med-enheterna.form',
      'samrad-med-annan-forvaltning.form',
      'bekrafta-till-kronofogden.form',
      'eskalering-bekraftelse.form',
      'stodja-infor-avhysning.form',
      'begar-anstand.form',
      'narvara-vid-avhysning.form',
      'narvara-vid-avhysning-barn.form',
      'avhysning-installd.form',
      'bedom-uppfoljning-efter-avhysning.form',
      'uppfoljande-mote.form',
      'bedom-uppfoljning-barn.form',
      'faststall-hushallet.form',
      'narvaro-vid-avhysning.dmn',
    ]);
  });

  it('names a form that a diagram references but bpmn/ lacks', () => {
    expect(() => planBundles(path.join(import.meta.dirname, 'fixtures/bpmn-missing-form'))).toThrow(
      'process.bpmn hänvisar till formulär "finns-inte" som inte finns i bpmn/',
    );
  });
});
