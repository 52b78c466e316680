import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENHETER } from '../../../domain/enheter.ts';
import { DELPROCESSER, PROCESSER, PROCESSNYCKLAR, TASKLISTPROCESSER } from '../../../domain/processer.ts';
import { planBundles } from '../../../scripts/deploy.ts';

/**
 * The process catalogue (domain/processer.ts) against the models in bpmn/:
 * every process is catalogued, and each checklist's name and start message
 * are the ones its model has.
 */
const diagrams = planBundles().map((b) => {
  const file = b.files[0] as string;
  const xml = fs.readFileSync(file, 'utf8');
  const process = /<bpmn:process\b[^>]*\bid="([^"]+)"[^>]*\bname="([^"]*)"/.exec(xml);
  return { file, xml, id: process?.[1], namn: process?.[2] };
});
const diagram = (key: string) => {
  const d = diagrams.find((x) => x.id === key);
  if (!d) throw new Error(`no model with process id ${key} in bpmn/`);
  return d;
};
const sorted = (values: Iterable<string>) => [...values].sort();

/** The ids of the message start events at process level (not those of event subprocesses), by message name. */
function startmeddelanden(xml: string): string[] {
  const namn = new Map([...xml.matchAll(/<bpmn:message\b[^>]*\bid="([^"]+)"[^>]*\bname="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  return [...xml.matchAll(/<bpmn:startEvent\b[\s\S]*?<\/bpmn:startEvent>/g)]
    .filter((m) => {
      const fore = xml.slice(0, m.index);
      return (fore.match(/<bpmn:subProcess\b/g) ?? []).length === (fore.match(/<\/bpmn:subProcess>/g) ?? []).length;
    })
    .flatMap((m) =>
      [...m[0].matchAll(/<bpmn:messageEventDefinition\b[^>]*\bmessageRef="([^"]+)"/g)].map((r) => namn.get(r[1]!) ?? `?${r[1]}`),
    );
}

describe('the process catalogue and bpmn/', () => {
  it('catalogues every process in bpmn/, each once: checklists, called processes and those caseworkers start', () => {
    const katalogen = [...PROCESSNYCKLAR, ...DELPROCESSER, ...TASKLISTPROCESSER];
    expect(new Set(katalogen).size).toBe(katalogen.length);
    expect(sorted(katalogen)).toEqual(sorted(diagrams.map((d) => d.id ?? `(no process id in ${d.file})`)));
  });

  it('lists as called processes exactly those a model calls', () => {
    const anropade = new Set(diagrams.flatMap((d) => [...d.xml.matchAll(/\bcalledElement="([^"]+)"/g)].map((m) => m[1]!)));
    expect(sorted(anropade)).toEqual(sorted(DELPROCESSER));
  });

  describe.each(PROCESSNYCKLAR)('%s', (key) => {
    const p = PROCESSER[key];
    const d = diagram(key);

    it("has the model's process name", () => {
      expect(p.namn).toBe(d.namn);
    });

    it('is started by its start message, a message start event at process level', () => {
      expect(startmeddelanden(d.xml)).toEqual([p.startmeddelande]);
    });

    it('is owned by units', () => {
      expect(p.enheter.length).toBeGreaterThan(0);
      for (const enhet of p.enheter) expect(ENHETER).toContain(enhet);
    });
  });

  it('gives user tasks only to units (candidateGroups, also inside an expression)', () => {
    const grupper = new Set<string>();
    for (const d of diagrams) {
      for (const [, varde] of d.xml.matchAll(/\bcamunda:candidateGroups="([^"]+)"/g)) {
        // An expression names its groups in quoted lists; a plain value is the list itself.
        const listor = varde!.startsWith('${') ? [...varde!.matchAll(/'([^']*)'/g)].map((m) => m[1]!) : [varde!];
        for (const lista of listor) for (const g of lista.split(',')) if (/^[a-z-]+$/.test(g.trim())) grupper.add(g.trim());
      }
    }
    expect(grupper.size).toBeGreaterThan(0);
    for (const g of grupper) expect(ENHETER, g).toContain(g);
  });
});
