import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { arLagrumId } from '../../../frister/lagrum.ts';
import { planBundles } from '../../../scripts/deploy.ts';

/**
 * Bokvar's own rules for the models, beyond bpmnlint: what caseworkers and
 * auditors rely on. Each diagram in bpmn/ is checked.
 */
const diagrams = planBundles().map((b) => b.files[0] as string);
const read = (file: string) => fs.readFileSync(file, 'utf8');
const elements = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<bpmn:${tag}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</bpmn:${tag}>)`, 'g'))].map((m) => ({
    attrs: m[1] ?? '',
    body: m[2] ?? '',
    id: /\bid="([^"]+)"/.exec(m[1] ?? '')?.[1] ?? '?',
  }));

describe.each(diagrams.map((d) => [path.basename(d), d]))('%s', (_name, file) => {
  const xml = read(file);

  it('gives every user task a candidate group and a Camunda Form deployed with it', () => {
    for (const task of elements(xml, 'userTask')) {
      expect(task.attrs, task.id).toMatch(/camunda:candidateGroups="[^"]+"/);
      expect(task.attrs, task.id).toMatch(/camunda:formRef="[^"]+"/);
      expect(task.attrs, task.id).toMatch(/camunda:formRefBinding="deployment"/);
    }
  });

  it('takes every timer from the deadline calendar, never a hand-written duration or date', () => {
    for (const timer of [...xml.matchAll(/<bpmn:(timeDate|timeDuration|timeCycle)[^>]*>([^<]*)</g)]) {
      expect(timer[1]).toBe('timeDate');
      expect(timer[2]).toMatch(/^\$\{[a-zA-Z0-9]+Senast\}$/);
    }
  });

  it('documents every task and cites only legal references that the catalogue holds', () => {
    for (const tag of ['userTask', 'serviceTask', 'businessRuleTask', 'callActivity']) {
      for (const el of elements(xml, tag)) expect(el.body, `${el.id} documentation`).toMatch(/<bpmn:documentation>[^<]{20,}/);
    }
    const cited = [...xml.matchAll(/\[([a-z0-9-]+)\]/g)].map((m) => m[1] as string);
    for (const id of cited) expect(arLagrumId(id), `lagrum ${id}`).toBe(true);
  });
});
