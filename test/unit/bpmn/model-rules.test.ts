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

/**
 * Tasklist shows a user task's description — the engine evaluates the task's
 * bpmn:documentation as an expression when it creates the task — as plain text
 * in the task's Description tab. Long enough for what to do and why; short
 * enough to read at a glance.
 */
const DESCRIPTION_MAX = 400;

/**
 * The user tasks whose work waits on someone else, with where their follow-up
 * date (camunda:followUpDate) comes from. Tasklist's "Mina uppgifter" hides
 * them until then; "Väntar på svar" lists them (docs/tasklist.md).
 * `${svarUppfoljningSenast}` is the calendar's "uppföljning av svar", computed
 * by berakna-frister just before the task (N working days from its start).
 */
const WAITING_TASKS: Record<string, { followUp: string; why: string }> = {
  KontaktaHyresvarden: { followUp: '${svarUppfoljningSenast}', why: "waits on the landlord's answer (handbook step 5)" },
  InhamtaSamtycke: { followUp: '${svarUppfoljningSenast}', why: "waits on the tenant's consent (handbook step 5, secrecy)" },
  GenomforAviseratHembesok: { followUp: '${hembesokTid}', why: 'waits on the home visit booked in KontaktaHyresgasten (step 6)' },
};
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

  it('describes every user task for Tasklist: what to do and why, with the handbook and the law, in at most two sentences', () => {
    for (const task of elements(xml, 'userTask')) {
      const description = /<bpmn:documentation>([^<]*)<\/bpmn:documentation>/.exec(task.body)?.[1] ?? '';
      expect(description.length, `${task.id}: description length`).toBeGreaterThan(0);
      expect(description.length, `${task.id}: description length`).toBeLessThanOrEqual(DESCRIPTION_MAX);
      // the engine evaluates it as an expression: text only
      expect(description, task.id).not.toMatch(/[$#]\{/);
      const parts = /^(.+?) Lagrum: \[[a-z0-9-]+\](?:, \[[a-z0-9-]+\])*\.$/.exec(description);
      expect(parts, `${task.id}: "<what and why> Lagrum: [id], [id]."`).not.toBeNull();
      const text = parts![1]!;
      expect(text, `${task.id}: names the handbook step or section`).toMatch(/Handboken/);
      const sentences = text.split(/(?<=[.!?])\s+(?=[A-ZÅÄÖ"])/);
      expect(sentences.length, `${task.id}: ${sentences.join(' | ')}`).toBeLessThanOrEqual(2);
    }
  });

  it('gives a follow-up date exactly to the tasks that wait on someone else, never a hand-written one', () => {
    for (const task of elements(xml, 'userTask')) {
      const followUp = /camunda:followUpDate="([^"]*)"/.exec(task.attrs)?.[1];
      expect(followUp, task.id).toBe(WAITING_TASKS[task.id]?.followUp);
    }
  });

  it('computes a calendar follow-up date with berakna-frister right before the task', () => {
    const serviceTasks = elements(xml, 'serviceTask');
    for (const task of elements(xml, 'userTask').filter((t) => /camunda:followUpDate="\$\{svarUppfoljningSenast\}"/.test(t.attrs))) {
      const sources = [...xml.matchAll(new RegExp(`<bpmn:sequenceFlow [^>]*sourceRef="([^"]+)" targetRef="${task.id}"`, 'g'))].map((m) => m[1]);
      expect(sources, task.id).toHaveLength(1);
      const before = serviceTasks.find((t) => t.id === sources[0]);
      expect(before?.attrs, task.id).toMatch(/camunda:topic="berakna-frister"/);
      expect(before?.body, task.id).toMatch(/<camunda:inputParameter name="beraknaFrister">[^<]*\bsvarUppfoljning\b/);
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

describe('the waiting tasks listed above', () => {
  it('all exist in the models', () => {
    const ids = diagrams.flatMap((d) => elements(read(d), 'userTask').map((t) => t.id));
    for (const id of Object.keys(WAITING_TASKS)) expect(ids, id).toContain(id);
  });
});
