import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import modelerModdle from 'modeler-moddle/resources/modeler.json' with { type: 'json' };
import { repoRoot } from '../../scripts/config.ts';

/**
 * Lints a diagram the way Camunda Modeler does with Bokvar's plugin: bpmnlint's Linter with the
 * repository's .bpmnlintrc (bpmnlint's recommended rules, Camunda 7.24 compatibility and
 * plugin:bokvar/recommended). The one way the unit tests run the model rules.
 */
const require = createRequire(import.meta.url);
const Linter = require('bpmnlint/lib/linter');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

export const bpmnlintrc = JSON.parse(fs.readFileSync(path.join(repoRoot, '.bpmnlintrc'), 'utf8'));

export interface LintReport {
  /** "bokvar/user-task-form", "camunda-compat/history-time-to-live", … */
  rule: string;
  id?: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
}

export interface LintResult {
  /** What bpmn-moddle could not read (an unknown attribute, a broken reference). */
  warnings: unknown[];
  reports: LintReport[];
}

const cache = new Map<string, Promise<LintResult>>();

export function lintDiagram(file: string): Promise<LintResult> {
  let result = cache.get(file);
  if (!result) {
    result = lint(fs.readFileSync(file, 'utf8'));
    cache.set(file, result);
  }
  return result;
}

async function lint(xml: string): Promise<LintResult> {
  const moddle = new BpmnModdle({ camunda: camundaModdle, modeler: modelerModdle });
  const { rootElement, warnings } = await moddle.fromXML(xml);
  const linter = new Linter({ config: bpmnlintrc, resolver: new NodeResolver({ require }) });
  const results: Record<string, Omit<LintReport, 'rule'>[]> = await linter.lint(rootElement);
  return { warnings, reports: Object.entries(results).flatMap(([rule, list]) => list.map((r) => ({ rule, ...r }))) };
}

/** "KontaktaHyresvarden: Användaruppgiften saknar …" for an assertion's diff. */
export const describeReport = (r: LintReport) => `${r.rule} ${r.id ?? ''}: ${r.message}`;
