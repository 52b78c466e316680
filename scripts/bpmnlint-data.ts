import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LAGRUM, LAGRUM_IDN } from '../frister/lagrum.ts';
import { repoRoot } from './config.ts';
import { modelsDir } from './deploy.ts';

/**
 * `npm run bpmnlint-data`: writes the data Bokvar's bpmnlint plugin reads (bpmnlint-plugin-bokvar/data/).
 * The plugin is plain JavaScript that Camunda Modeler bundles, so it reads the legal-reference
 * catalogue (frister/lagrum.ts) and the element templates (bpmn/.camunda/element-templates/) as JSON
 * written from them here; those two stay the one source. test/unit/bpmn/bpmnlint-data.test.ts fails
 * when the written data is not what this would write now.
 */
export const dataDir = path.join(repoRoot, 'bpmnlint-plugin-bokvar', 'data');
export const templatesDir = path.join(modelsDir, '.camunda', 'element-templates');

interface Template {
  id: string;
  name: string;
  version: number;
  properties: { value?: string; binding: { type: string; name: string } }[];
}

/** What the rules need of the catalogue: how an entry is cited and what replaced a repealed one. */
export function lagrumData() {
  return Object.fromEntries(
    LAGRUM_IDN.map((id) => {
      const { kortform, verifierad, ersattAv } = LAGRUM[id];
      return [id, { kortform, verifierad, ...(ersattAv ? { ersattAv: [...ersattAv] } : {}) }];
    }),
  );
}

/** What the rules need of each element template: its id, version, topic and input parameters. */
export function elementTemplateData() {
  return fs
    .readdirSync(templatesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(templatesDir, f), 'utf8')) as Template)
    .map((t) => ({
      id: t.id,
      name: t.name,
      version: t.version,
      topic: t.properties.find((p) => p.binding.type === 'property' && p.binding.name === 'camunda:topic')?.value ?? null,
      inputs: t.properties
        .filter((p) => p.binding.type === 'camunda:inputParameter')
        .map((p) => p.binding.name)
        .sort(),
    }));
}

/** The files as this script writes them: name → content. */
export function bpmnlintData(): Record<string, string> {
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  return { 'lagrum.json': json(lagrumData()), 'element-templates.json': json(elementTemplateData()) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [name, content] of Object.entries(bpmnlintData())) {
    fs.writeFileSync(path.join(dataDir, name), content);
    console.log(`skrev ${path.relative(process.cwd(), path.join(dataDir, name))}`);
  }
}
