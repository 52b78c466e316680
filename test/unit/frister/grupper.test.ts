import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRIST_GRUPPER, FRISTTYPER, fristgrupper } from '../../../frister/index.ts';

/**
 * The element templates repeat the deadline groups by hand (a template is JSON, it cannot
 * import them): Modeler must offer exactly the groups the workers accept.
 */
interface Egenskap {
  description?: string;
  value?: string;
  binding: { type: string; name: string };
  constraints?: { pattern?: { value: string; message: string } };
}

const mall = (namn: string): Egenskap[] =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'bpmn', '.camunda', 'element-templates', namn), 'utf8'))
    .properties;
const egenskap = (namn: string, parameter: string): Egenskap => {
  const e = mall(namn).find((p) => p.binding.type === 'camunda:inputParameter' && p.binding.name === parameter);
  if (!e) throw new Error(`${namn}: ingen indataparameter ${parameter}`);
  return e;
};

const alternativ = FRIST_GRUPPER.join('|');
const lista = FRIST_GRUPPER.join(', ');

describe('the deadline groups in the element templates', () => {
  it.each([
    ['berakna-frister.json', 'beraknaFrister'],
    ['dela-frister.json', 'delaFrister'],
  ])('%s offers exactly FRIST_GRUPPER in %s', (namn, parameter) => {
    const e = egenskap(namn, parameter);
    expect(e.constraints?.pattern?.value).toBe(`^(${alternativ})(, ?(${alternativ}))*$`);
    expect(e.constraints?.pattern?.message).toBe(`Ange en eller flera av: ${lista}`);
    expect(fristgrupper.safeParse(e.value).success).toBe(true);
  });

  it('berakna-frister.json describes the same list', () => {
    expect(egenskap('berakna-frister.json', 'beraknaFrister').description).toBe(`Kommaseparerad lista: ${lista}`);
  });

  it('the template pattern and the workers accept the same lists', () => {
    const monster = new RegExp(egenskap('berakna-frister.json', 'beraknaFrister').constraints!.pattern!.value);
    const listor = [
      ...FRIST_GRUPPER,
      'atervinningsfrist,avhysning',
      'avhysning, forhandsbedomningVuxen',
      'hyresskuld',
      'avhysning,hyresskuld',
      '',
    ];
    for (const text of listor) expect([text, monster.test(text)]).toEqual([text, fristgrupper.safeParse(text).success]);
  });

  it('FRISTTYPER names the types of every group, each type in one group only', () => {
    expect(Object.keys(FRISTTYPER).sort()).toEqual([...FRIST_GRUPPER].sort());
    const typer = Object.values(FRISTTYPER).flat();
    expect(new Set(typer).size).toBe(typer.length);
  });
});
