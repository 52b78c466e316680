import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { XML_TEXT, granskaText as granskaTextTs, hittaListor as hittaListorTs } from '../../../frister/lagrumslista.ts';
import { LAGRUM_IDN, citera } from '../../../frister/lagrum.ts';
import { bpmnlintData, dataDir } from '../../../scripts/bpmnlint-data.ts';
import { granskaFil, modellfiler } from '../../../scripts/lagrum-i-modeller.ts';
import { lintDiagram } from '../../support/bpmnlint.ts';

/**
 * bpmnlint-plugin-bokvar is plain JavaScript that Modeler bundles: it reads the legal-reference
 * catalogue and the element templates as JSON written from them (npm run bpmnlint-data), and reads
 * "Lagrum:" lists with its own copy of frister/lagrumslista.ts. This keeps both in step.
 */
const require = createRequire(import.meta.url);
const plugin: {
  hittaListor(t: string): unknown[];
  granskaText(t: string): string[];
} = require('bpmnlint-plugin-bokvar/lib/lagrumslista.js');

describe('the data of bpmnlint-plugin-bokvar', () => {
  it.each(Object.entries(bpmnlintData()))('%s is what npm run bpmnlint-data writes from its source now', (name, content) => {
    expect(fs.readFileSync(path.join(dataDir, name), 'utf8'), `run npm run bpmnlint-data`).toBe(content);
  });
});

describe("the plugin's reader of Lagrum lists", () => {
  const texter = modellfiler()
    .filter((f) => !f.endsWith('.form'))
    .flatMap((f) => [...XML_TEXT.avkoda(fs.readFileSync(f, 'utf8')).matchAll(/>([^<]*Lagrum: [^<]*)</g)].map((m) => m[1]!));

  it('finds the lists the TypeScript reader finds, in every text of the models', () => {
    expect(texter.length).toBeGreaterThan(30);
    for (const text of texter) expect(plugin.hittaListor(text), text).toEqual(hittaListorTs(text));
  });

  it('reads every catalogue text, and finds the same faults as granskaText', () => {
    const prov = [
      ...LAGRUM_IDN.map((id) => `Gör så. Lagrum: ${citera(id)}.`),
      'Lagrum: [osl-26-1], [sol-2001-453-11-1].',
      'Enligt 11 kap. 1 § SoL (2001:453) [osl-12-2]. Lagrum: 5 kap. 4 § SoF; 26 kap. 1 § OSL [osl-26-1]; [okand-1].',
    ];
    for (const text of prov) expect(plugin.granskaText(text), text).toEqual(granskaTextTs(text));
  });

  it('reports on a deliberately bad diagram what the file check reports', async () => {
    const fel = path.join(import.meta.dirname, '..', 'fixtures', 'lagrum-fel', 'fel.bpmn');
    const utanSammanhang = (m: string) => m.replace(/: "….*…"$/, '');
    const { reports } = await lintDiagram(fel);
    const regeln = reports.filter((r) => r.rule === 'bokvar/legal-references').map((r) => utanSammanhang(r.message));
    expect(regeln.length).toBeGreaterThan(3);
    expect(regeln.sort()).toEqual(granskaFil(fel).map(utanSammanhang).sort());
  });
});
