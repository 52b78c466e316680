import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import modelerModdle from 'modeler-moddle/resources/modeler.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/config.ts';
import { planBundles } from '../../../scripts/deploy.ts';
import { lintDiagram } from '../../support/bpmnlint.ts';

/**
 * modeler-plugin/dist/client.bundle.js is what a process owner copies into Camunda Modeler: the
 * repository's .bpmnlintrc compiled with every rule it names (npm run modeler-plugin). Loaded as
 * Modeler loads it, it must register those rules for Camunda 7 diagrams and find on every rule
 * fixture and every diagram exactly what .bpmnlintrc finds here — a bundle built before a rule
 * changed fails.
 */
const require = createRequire(import.meta.url);
const Linter = require('bpmnlint/lib/linter');

const bundle = path.join(repoRoot, 'modeler-plugin', 'dist', 'client.bundle.js');
const fixturesDir = path.join(repoRoot, 'bpmnlint-plugin-bokvar', 'test', 'rules');
const fixtures = fs
  .readdirSync(fixturesDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.bpmn'))
  .map((f) => path.join(fixturesDir, f));
const diagrams = planBundles().map((b) => b.files[0] as string);

function loadAsModeler() {
  const window: { plugins?: { plugin: { config: unknown; resolver: unknown }; type: string }[] } = {};
  vm.runInNewContext(fs.readFileSync(bundle, 'utf8'), { window });
  return window.plugins ?? [];
}

/** Modeler's Camunda 7 tabs know the camunda extension; @camunda/linting parsing XML itself does not. */
const WITH_CAMUNDA = { camunda: camundaModdle, modeler: modelerModdle };
const WITHOUT_CAMUNDA = { modeler: modelerModdle };

async function lintWithBundle(
  file: string,
  plugin: { config: unknown; resolver: unknown },
  packages: Record<string, unknown> = WITH_CAMUNDA,
) {
  const { rootElement } = await new BpmnModdle(packages).fromXML(fs.readFileSync(file, 'utf8'));
  const results: Record<string, { id?: string; message: string; category: string }[]> = await new Linter(plugin).lint(rootElement);
  return Object.entries(results).flatMap(([rule, list]) => list.map((r) => `${rule} ${r.category} ${r.id ?? ''}: ${r.message}`));
}

describe('the Camunda Modeler plugin', () => {
  const plugins = loadAsModeler();

  it('registers one set of lint rules for Camunda 7 diagrams', () => {
    expect(plugins.map((p) => p.type)).toEqual(['lintRules.bpmn']);
  });

  it.each([...fixtures, ...diagrams].map((f) => [path.relative(repoRoot, f), f]))(
    '%s: finds what .bpmnlintrc finds (else: npm run modeler-plugin)',
    async (_name, file) => {
      const expected = (await lintDiagram(file)).reports.map((r) => `${r.rule} ${r.category} ${r.id ?? ''}: ${r.message}`);
      expect(await lintWithBundle(file, plugins[0]!.plugin)).toEqual(expected);
    },
  );

  it.each([...fixtures, ...diagrams].map((f) => [path.relative(repoRoot, f), f]))(
    '%s: finds the same when the diagram is read without the camunda extension',
    async (_name, file) => {
      const expected = await lintWithBundle(file, plugins[0]!.plugin);
      expect(await lintWithBundle(file, plugins[0]!.plugin, WITHOUT_CAMUNDA)).toEqual(expected);
    },
  );

  it('reports Bokvar’s rules on the invalid fixtures (the comparison has something to compare)', async () => {
    const invalid = fixtures.filter((f) => path.basename(f).startsWith('invalid') && !f.includes(`${path.sep}version-tag${path.sep}`));
    for (const file of invalid) expect((await lintWithBundle(file, plugins[0]!.plugin)).join('\n'), file).toMatch(/^bokvar\//m);
  });
});
