import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { arLagrumId, citera } from '../../../frister/lagrum.ts';
import { hittaListor } from '../../../frister/lagrumslista.ts';
import { planBundles } from '../../../scripts/deploy.ts';
import { granskaFil, lagrumIModeller, modellfiler } from '../../../scripts/lagrum-i-modeller.ts';

/**
 * Bokvar's own rules for the models, beyond bpmnlint: what caseworkers and
 * auditors rely on. Each diagram in bpmn/ is checked.
 */
const diagrams = planBundles().map((b) => b.files[0] as string);

/**
 * Tasklist shows a user task's description — the engine evaluates the task's
 * bpmn:documentation as an expression when it creates the task — as plain text
 * in the task's Description tab. What to do and why: long enough, and short
 * enough to read at a glance; the legal references follow it.
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
      // the engine evaluates it as an expression: text only
      expect(description, task.id).not.toMatch(/[$#]\{/);
      // "<what and why> Lagrum: <catalogue text>; <catalogue text>." – the list ends the description
      const [lista] = hittaListor(description);
      expect(lista && description.slice(lista.slut), `${task.id}: "<what and why> Lagrum: <catalogue texts>."`).toBe('.');
      const text = description.slice(0, lista!.start - ' Lagrum: '.length);
      expect(text.length, `${task.id}: description length`).toBeLessThanOrEqual(DESCRIPTION_MAX);
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
      const sources = [...xml.matchAll(new RegExp(`<bpmn:sequenceFlow [^>]*sourceRef="([^"]+)" targetRef="${task.id}"`, 'g'))].map(
        (m) => m[1],
      );
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

  it('documents every task', () => {
    for (const tag of ['userTask', 'serviceTask', 'businessRuleTask', 'callActivity']) {
      for (const el of elements(xml, tag)) expect(el.body, `${el.id} documentation`).toMatch(/<bpmn:documentation>[^<]{20,}/);
    }
  });
});

/**
 * Issue 13 point 5: every legal reference a person reads in a model (BPMN documentation, DMN
 * descriptions, form text) is a catalogue text of law in force, `citera(id)` with its
 * "(ej verifierad)", in a "Lagrum:" list; no raw id, no paragraph written by hand, no SoL 2001:453.
 */
describe('legal references in bpmn/ (BPMN, DMN, forms)', () => {
  it.each(modellfiler().map((f) => [path.basename(f), f]))('%s cites only catalogue texts of law in force', (_name, file) => {
    expect(granskaFil(file)).toEqual([]);
  });

  it("never cite 16 kap. 2 § utsökningsbalken: the tenant's chance to respond governs no step social services take", () => {
    // Kronofogden's notice rests on 16 kap. (ub-16); the case link and the confirmation are the handbook's routine
    for (const file of modellfiler()) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text.includes(citera('ub-16-2')) || text.includes('[ub-16-2]'), path.basename(file)).toBe(false);
    }
  });

  it('are already what npm run lagrum writes (nothing left to rewrite)', () => {
    expect(lagrumIModeller(modellfiler(), false).map((f) => path.basename(f))).toEqual([]);
  });
});

describe('the legal-reference rule on a deliberately bad model and form', () => {
  const dir = path.join(import.meta.dirname, '..', 'fixtures', 'lagrum-fel');
  const fel = (fil: string) => granskaFil(path.join(dir, fil)).join('\n');

  it('fails on a raw id, an unknown id, a repealed law, a hand-written paragraph, a missing mark and a labelled id', () => {
    const bpmn = fel('fel.bpmn');
    expect(bpmn).toMatch(/rått id "\[osl-26-1\]"/);
    expect(bpmn).toMatch(/sol-2001-453-99-9 finns inte i lagrumskatalogen/);
    expect(bpmn).toMatch(
      /"11 kap\. 1 § SoL \(2001:453\) \(ej verifierad\)" är upphävd; citera 14 kap\. 2 § socialtjänstlagen \(2025:400\)/,
    );
    expect(bpmn).toMatch(/handskrivet lagrum.*\(11 kap\. 1 § SoL\)/);
    expect(bpmn).toMatch(/"5 kap\. 4 § SoF" saknar " \(ej verifierad\)"/);
    expect(bpmn).toMatch(/rått id "26 kap\. 1 § OSL \[osl-26-1\]"/);
  });

  it('fails on a form that writes "11 kap. 1 § SoL" by hand or cites ids', () => {
    const form = fel('fel.form');
    expect(form).toMatch(/handskrivet lagrum.*11 kap\. 1 § SoL/);
    expect(form).toMatch(/rått id "\[osl-12-2\]"/);
    expect(form).toMatch(/rått id "\[sol-2001-453-5-1\]"/);
  });

  it('passes once the tool has rewritten the lists, and the tool changes nothing on a second run', () => {
    const kopia = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrum-'));
    for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(kopia, f));
    const filer = fs.readdirSync(kopia).map((f) => path.join(kopia, f));
    expect(lagrumIModeller(filer)).toHaveLength(2);
    expect(lagrumIModeller(filer)).toEqual([]);
    const form = fs.readFileSync(path.join(kopia, 'fel.form'), 'utf8');
    expect(JSON.parse(form).components[1].text).toBe(`Lagrum: ${citera('osl-12-2')}; ${citera('sol-2025-400-18-1')}.`);
    const bpmn = fs.readFileSync(path.join(kopia, 'fel.bpmn'), 'utf8');
    expect(bpmn).toContain(`Lagrum: ${citera('sof-5-4')}.`);
    expect(bpmn).toContain(`Lagrum: ${citera('sol-2025-400-14-2')}.`);
    // left for a person: the unknown id and the paragraphs written in the prose
    const kvar = filer.flatMap((f) => granskaFil(f)).join('\n');
    expect(kvar).toMatch(/sol-2001-453-99-9 finns inte/);
    expect(kvar).toMatch(/handskrivet lagrum/);
    expect(kvar).not.toMatch(/rått id|upphävd|saknar/);
    expect(arLagrumId('sol-2025-400-14-2')).toBe(true);
  });
});

describe('the waiting tasks listed above', () => {
  it('all exist in the models', () => {
    const ids = diagrams.flatMap((d) => elements(read(d), 'userTask').map((t) => t.id));
    for (const id of Object.keys(WAITING_TASKS)) expect(ids, id).toContain(id);
  });
});
