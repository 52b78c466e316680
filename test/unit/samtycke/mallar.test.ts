import fs from 'node:fs';
import path from 'node:path';
import knex from 'knex';
import { describe, expect, it } from 'vitest';
import { MOTTAGARE, MOTTAGARE_IDN } from '../../../domain/samtycke/mottagare.ts';
import { SYFTEN, SYFTE_IDN } from '../../../domain/samtycke/syften.ts';
import { modelsDir } from '../../../scripts/deploy.ts';
import { samtyckeAterkallaTopic } from '../../../workers/samtycke-aterkalla/handler.ts';
import { noEngine } from '../../support/no-engine.ts';

/** Modeler's dropdowns and Tasklist's checklists offer exactly the vocabulary, with its labels. */
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(modelsDir, file), 'utf8'));
const mottagare = MOTTAGARE_IDN.map((id) => ({ name: MOTTAGARE[id].etikett, value: id }));
const syften = SYFTE_IDN.map((id) => ({ name: SYFTEN[id].etikett, value: id }));

describe('the consent vocabulary in templates and forms', () => {
  it('samtycke-kontroll offers every recipient and purpose', () => {
    const template = read('.camunda/element-templates/samtycke-kontroll.json');
    const choices = (name: string) => template.properties.find((p: { binding: { name: string } }) => p.binding.name === name).choices;
    expect(choices('samtyckeMottagare')).toEqual(mottagare);
    expect(choices('samtyckeSyfte')).toEqual(syften);
  });

  it('the revocation form offers the same, under the names the worker reads', () => {
    // given
    const form = read('dokumentera-aterkallelse-av-samtycke.form');
    const components: { key?: string; values?: { label: string; value: string }[] }[] = form.components;
    const values = (key: string) => components.find((c) => c.key === key)?.values?.map((v) => ({ name: v.label, value: v.value }));
    // then
    expect(values('aterkallelseMottagare')).toEqual(mottagare);
    expect(values('aterkallelseSyfte')).toEqual(syften);
    const read_ = Object.keys(samtyckeAterkallaTopic({ db: knex({ client: 'pg' }), engine: noEngine() }).input.shape);
    for (const c of components.filter((c) => c.key)) expect(read_).toContain(c.key);
  });
});
