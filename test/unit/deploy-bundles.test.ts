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
      'bekrafta-till-kronofogden.form',
    ]);
  });

  it('names a form that a diagram references but bpmn/ lacks', () => {
    expect(() => planBundles(path.join(import.meta.dirname, 'fixtures/bpmn-missing-form'))).toThrow(
      'process.bpmn hänvisar till formulär "finns-inte" som inte finns i bpmn/',
    );
  });
});
