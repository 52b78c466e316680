import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelsDir, planBundles, planDecisionBundles } from '../../scripts/deploy.ts';

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

  it('deploys the decision table bound latest on its own, and the one bound to the deployment with its diagram', () => {
    // the bindings: contact with the landlord follows the latest rule, attendance at the eviction the process version's
    const kontakt = fs.readFileSync(path.join(modelsDir, 'kontakt-och-utredning.bpmn'), 'utf8');
    expect(kontakt).toMatch(/camunda:decisionRef="kontakt-med-hyresvard" camunda:decisionRefBinding="latest"/);
    expect(fs.readFileSync(path.join(modelsDir, 'kontakt-med-hyresvard.dmn'), 'utf8')).toContain('camunda:versionTag="2026.12-1"');
    const kronofogden = fs.readFileSync(path.join(modelsDir, 'kronofogden-avhysning.bpmn'), 'utf8');
    expect(kronofogden).toMatch(/camunda:decisionRef="narvaro-vid-avhysning" camunda:decisionRefBinding="deployment"/);
    // so kontakt-med-hyresvard is a deployment of its own, and no diagram's bundle holds it
    expect(planDecisionBundles().map((b) => [b.name, b.files.map((f) => path.relative(modelsDir, f)), b.bindings])).toEqual([
      ['kontakt-med-hyresvard.dmn', ['kontakt-med-hyresvard.dmn'], ['latest']],
    ]);
    expect(
      planBundles()
        .flatMap((b) => b.files.map((f) => path.relative(modelsDir, f)))
        .filter((f) => f.endsWith('.dmn')),
    ).toEqual(['narvaro-vid-avhysning.dmn']);
  });

  it('names a form that a diagram references but bpmn/ lacks', () => {
    expect(() => planBundles(path.join(import.meta.dirname, 'fixtures/bpmn-missing-form'))).toThrow(
      'process.bpmn hänvisar till formulär "finns-inte" som inte finns i bpmn/',
    );
  });
});
