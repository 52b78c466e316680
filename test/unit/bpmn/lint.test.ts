import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import modelerModdle from 'modeler-moddle/resources/modeler.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/config.ts';
import { planBundles } from '../../../scripts/deploy.ts';

const require = createRequire(import.meta.url);
const Linter = require('bpmnlint/lib/linter');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const config = JSON.parse(fs.readFileSync(path.join(repoRoot, '.bpmnlintrc'), 'utf8'));
const diagrams = planBundles().map((b) => b.files[0] as string);

describe('every diagram in bpmn/ passes bpmnlint with the Camunda 7.24 rules', () => {
  it.each(diagrams.map((d) => [path.basename(d), d]))('%s', async (_name, file) => {
    // given
    const moddle = new BpmnModdle({ camunda: camundaModdle, modeler: modelerModdle });
    const { rootElement, warnings } = await moddle.fromXML(fs.readFileSync(file, 'utf8'));
    expect(warnings).toEqual([]);

    // when
    const linter = new Linter({ config, resolver: new NodeResolver() });
    const reports: Record<string, { message: string; id?: string; category: string }[]> = await linter.lint(rootElement);

    // then: no errors and no warnings
    const problems = Object.entries(reports).flatMap(([rule, list]) =>
      list.filter((r) => r.category === 'error' || r.category === 'warn').map((r) => `${rule}: ${r.id ?? ''} ${r.message}`),
    );
    expect(problems).toEqual([]);
  });
});
