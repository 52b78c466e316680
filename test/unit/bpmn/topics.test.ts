import fs from 'node:fs';
import path from 'node:path';
import knex from 'knex';
import { describe, expect, it } from 'vitest';
import { modelsDir, planBundles } from '../../../scripts/deploy.ts';
import { createTopics } from '../../../workers/topics.ts';
import { noEngine } from '../../support/no-engine.ts';

/**
 * Every external task in bpmn/ must have a worker, and must be inserted from
 * that topic's element template, so process owners get the right topic and
 * input mapping from Modeler's template list.
 */
interface Template {
  id: string;
  version: number;
  appliesTo: string[];
  properties: { value?: string; binding: { type: string; name: string } }[];
}

const templatesDir = path.join(modelsDir, 'element-templates');
const templates: Template[] = fs
  .readdirSync(templatesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(templatesDir, f), 'utf8')));
const topics = createTopics({ db: knex({ client: 'pg' }), engine: noEngine() });

const templateTopic = (t: Template) => t.properties.find((p) => p.binding.type === 'property' && p.binding.name === 'camunda:topic')?.value;

interface ExternalTaskUse {
  diagram: string;
  id: string;
  topic: string;
  template: string | undefined;
  templateVersion: number | undefined;
  inputs: string[];
}

function externalTasks(): ExternalTaskUse[] {
  return planBundles().flatMap((bundle) => {
    const file = bundle.files[0] as string;
    const xml = fs.readFileSync(file, 'utf8');
    return [
      ...xml.matchAll(
        /<bpmn:(?:serviceTask|sendTask|businessRuleTask)\b([^>]*)>([\s\S]*?)<\/bpmn:(?:serviceTask|sendTask|businessRuleTask)>/g,
      ),
    ]
      .filter((m) => /camunda:type="external"/.test(m[1] as string))
      .map((m) => {
        const attrs = m[1] as string;
        const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1];
        return {
          diagram: path.basename(file),
          id: attr('id') ?? '?',
          topic: attr('camunda:topic') ?? '',
          template: attr('camunda:modelerTemplate'),
          templateVersion: attr('camunda:modelerTemplateVersion') ? Number(attr('camunda:modelerTemplateVersion')) : undefined,
          inputs: [...(m[2] as string).matchAll(/<camunda:inputParameter name="([^"]+)"/g)].map((i) => i[1] as string),
        };
      });
  });
}

describe('external tasks, workers and element templates agree', () => {
  it('has one element template per subscribed topic', () => {
    expect(templates.map(templateTopic).sort()).toEqual(topics.map((t) => t.topic).sort());
    for (const template of templates) expect(template.appliesTo).toContain('bpmn:ServiceTask');
  });

  it.each(externalTasks().map((use) => [`${use.diagram}#${use.id}`, use]))('%s', (_name, use) => {
    // its topic has a worker
    expect(topics.map((t) => t.topic)).toContain(use.topic);
    // it was inserted from that topic's template, at the template's current version
    const template = templates.find((t) => t.id === use.template);
    expect(template, `camunda:modelerTemplate on ${use.id}`).toBeDefined();
    expect(templateTopic(template!)).toBe(use.topic);
    expect(use.templateVersion).toBe(template!.version);
    // and carries exactly the template's input parameters
    const templateInputs = template!.properties
      .filter((p) => p.binding.type === 'camunda:inputParameter')
      .map((p) => p.binding.name)
      .sort();
    expect(use.inputs.sort()).toEqual(templateInputs);
  });
});
