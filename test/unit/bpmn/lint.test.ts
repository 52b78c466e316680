import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planBundles } from '../../../scripts/deploy.ts';
import { describeReport, lintDiagram } from '../../support/bpmnlint.ts';

const diagrams = planBundles().map((b) => b.files[0] as string);

describe('every diagram in bpmn/ passes .bpmnlintrc: bpmnlint, the Camunda 7.24 rules and Bokvar’s own', () => {
  it.each(diagrams.map((d) => [path.basename(d), d]))('%s', async (_name, file) => {
    // given, when
    const { warnings, reports } = await lintDiagram(file);

    // then: moddle read everything, and no errors and no warnings
    expect(warnings).toEqual([]);
    expect(reports.filter((r) => r.category !== 'info').map(describeReport)).toEqual([]);
  });
});
