import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import knex from 'knex';
import { describe, expect, it } from 'vitest';
import { templatesDir } from '../../../scripts/bpmnlint-data.ts';
import { planBundles } from '../../../scripts/deploy.ts';
import { bpmnlintrc, describeReport, lintDiagram } from '../../support/bpmnlint.ts';
import { createTopics } from '../../../workers/topics.ts';
import { noEngine } from '../../support/no-engine.ts';

/**
 * Every external task in bpmn/ must have a worker, and must be inserted from
 * that topic's element template, so process owners get the right topic and
 * input mapping from Modeler's template list. Modeler finds the templates in
 * bpmn/.camunda/element-templates/ (beside the diagrams). The templates match
 * the workers here; the tasks match the templates by the lint rule
 * bokvar/external-task-topic, which Modeler shows while a diagram is drawn.
 */
interface Template {
  id: string;
  version: number;
  appliesTo: string[];
  properties: { value?: string; binding: { type: string; name: string } }[];
}

const diagrams = planBundles().map((b) => b.files[0] as string);
const require = createRequire(import.meta.url);
const recommended: Record<string, string> = require('bpmnlint-plugin-bokvar').configs.recommended.rules;
const templates: Template[] = fs
  .readdirSync(templatesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(templatesDir, f), 'utf8')));
const topics = createTopics({ db: knex({ client: 'pg' }), engine: noEngine() });

const templateTopic = (t: Template) => t.properties.find((p) => p.binding.type === 'property' && p.binding.name === 'camunda:topic')?.value;

describe('external tasks, workers and element templates agree', () => {
  it('has one element template per subscribed topic', () => {
    expect(templates.map(templateTopic).sort()).toEqual(topics.map((t) => t.topic).sort());
    for (const template of templates) expect(template.appliesTo).toContain('bpmn:ServiceTask');
  });

  it('runs bokvar/external-task-topic as an error', () => {
    expect(bpmnlintrc.extends).toContain('plugin:bokvar/recommended');
    expect(recommended['external-task-topic']).toBe('error');
    expect(bpmnlintrc.rules?.['bokvar/external-task-topic']).toBeUndefined();
  });

  // bokvar/external-task-topic: every external task's topic has a template (so a worker), and the
  // task was inserted from that template at its current version with exactly its input parameters
  it.each(diagrams.map((d) => [path.basename(d), d]))('%s: every external task is its topic’s template', async (_name, file) => {
    const { reports } = await lintDiagram(file);
    expect(reports.filter((r) => r.rule === 'bokvar/external-task-topic').map(describeReport)).toEqual([]);
  });

  it('lints external tasks in the diagrams (the rule has something to check)', () => {
    const externalTasks = diagrams.flatMap((d) => [...fs.readFileSync(d, 'utf8').matchAll(/camunda:type="external"/g)]);
    expect(externalTasks.length).toBeGreaterThan(10);
  });
});
