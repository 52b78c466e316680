import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { arLagrumId, citera } from '../../../frister/lagrum.ts';
import { planBundles } from '../../../scripts/deploy.ts';
import { granskaFil, lagrumIModeller, modellfiler } from '../../../scripts/lagrum-i-modeller.ts';
import { bpmnlintrc, describeReport, lintDiagram } from '../../support/bpmnlint.ts';

/**
 * Bokvar's own rules for the models, beyond bpmnlint: what caseworkers and auditors rely on.
 * They live in bpmnlint-plugin-bokvar (one rule a file, each with its own valid and invalid
 * diagrams and test), so Camunda Modeler shows them while a process owner draws; here every
 * diagram in bpmn/ is linted with .bpmnlintrc and each rule must find nothing.
 */
const diagrams = planBundles().map((b) => b.files[0] as string);
const require = createRequire(import.meta.url);
const recommended: Record<string, string> = require('bpmnlint-plugin-bokvar').configs.recommended.rules;
const waiting: Record<string, unknown> = require('bpmnlint-plugin-bokvar/data/vantande-uppgifter.json').uppgifter;

const RULES: [string, string[]][] = [
  ['gives every user task a candidate group and a Camunda Form deployed with it', ['user-task-candidate-group', 'user-task-form']],
  [
    'describes every user task for Tasklist: what to do and why, with the handbook and the law, in at most two sentences',
    ['user-task-description'],
  ],
  ['gives a follow-up date exactly to the tasks that wait on someone else, never a hand-written one', ['follow-up-date']],
  ['computes a calendar follow-up date with berakna-frister right before the task', ['follow-up-date-computed']],
  ['takes every timer from the deadline calendar, never a hand-written duration or date', ['timer-from-calendar']],
  ['takes every due date from the deadline calendar', ['due-date-from-calendar']],
  ['documents every task', ['task-documentation']],
  ['cites only catalogue texts of law in force', ['legal-references']],
];

describe('.bpmnlintrc', () => {
  it.each(RULES.flatMap(([, rules]) => rules))('runs bokvar/%s as an error', (rule) => {
    expect(recommended[rule]).toBe('error');
    expect(bpmnlintrc.extends).toContain('plugin:bokvar/recommended');
    expect(bpmnlintrc.rules?.[`bokvar/${rule}`]).toBeUndefined();
  });
});

describe.each(diagrams.map((d) => [path.basename(d), d]))('%s', (_name, file) => {
  it.each(RULES)('%s', async (_rule, rules) => {
    const { reports } = await lintDiagram(file);
    expect(reports.filter((r) => rules.some((rule) => r.rule === `bokvar/${rule}`)).map(describeReport)).toEqual([]);
  });
});

/**
 * Issue 13 point 5: every legal reference a person reads in a model (BPMN documentation, DMN
 * descriptions, form text) is a catalogue text of law in force, `citera(id)` with its
 * "(ej verifierad)", in a "Lagrum:" list; no raw id, no paragraph written by hand, no SoL 2001:453.
 */
describe('legal references in bpmn/ (BPMN, DMN, forms)', () => {
  // diagrams: the legal-references rule above; decision tables and forms are no BPMN for bpmnlint
  const andraModeller = modellfiler().filter((f) => !f.endsWith('.bpmn'));
  it.each(andraModeller.map((f) => [path.basename(f), f]))('%s cites only catalogue texts of law in force', (_name, file) => {
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

describe('the waiting tasks of bpmnlint-plugin-bokvar/data/vantande-uppgifter.json', () => {
  it('all exist in the models', () => {
    const ids = diagrams.flatMap((d) => [...fs.readFileSync(d, 'utf8').matchAll(/<bpmn:userTask\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]));
    for (const id of Object.keys(waiting)) expect(ids, id).toContain(id);
  });
});
