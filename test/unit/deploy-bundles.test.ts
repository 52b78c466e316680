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
    ]);
  });

  it('deploys each decision table bound by latest or versionTag on its own, and none with the diagrams', () => {
    // the bindings: contact with the landlord follows the latest rule, attendance at the eviction a tagged version
    const kontakt = fs.readFileSync(path.join(modelsDir, 'kontakt-och-utredning.bpmn'), 'utf8');
    expect(kontakt).toMatch(/camunda:decisionRef="kontakt-med-hyresvard" camunda:decisionRefBinding="latest"/);
    const kronofogden = fs.readFileSync(path.join(modelsDir, 'kronofogden-avhysning.bpmn'), 'utf8');
    expect(kronofogden).toMatch(
      /camunda:decisionRef="narvaro-vid-avhysning" camunda:decisionRefBinding="versionTag" camunda:decisionRefVersionTag="2026\.12-1"/,
    );
    expect(fs.readFileSync(path.join(modelsDir, 'narvaro-vid-avhysning.dmn'), 'utf8')).toContain('camunda:versionTag="2026.12-1"');
    // so each table is a deployment of its own, and no diagram's bundle holds one
    expect(planDecisionBundles().map((b) => [b.name, b.files.map((f) => path.relative(modelsDir, f))])).toEqual([
      ['kontakt-med-hyresvard.dmn', ['kontakt-med-hyresvard.dmn']],
      ['narvaro-vid-avhysning.dmn', ['narvaro-vid-avhysning.dmn']],
    ]);
    expect(
      planBundles()
        .flatMap((b) => b.files)
        .filter((f) => f.endsWith('.dmn')),
    ).toEqual([]);
  });

  it('names a form that a diagram references but bpmn/ lacks', () => {
    expect(() => planBundles(path.join(import.meta.dirname, 'fixtures/bpmn-missing-form'))).toThrow(
      'process.bpmn hänvisar till formulär "finns-inte" som inte finns i bpmn/',
    );
  });
});
