import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { postadressSchema } from '../../../domain/arendevariabler.ts';
import { modelsDir } from '../../../scripts/deploy.ts';
import { brevIndata } from '../../../workers/brev/indata.ts';

/**
 * "Besluta om åtagande" asks for the landlord's postal address when the
 * committee commits to pay, so that the registered letter can go out. Camunda 7
 * Tasklist renders the form with form-js 1.8: a group with a `path` nests its
 * fields' values under that name, and Tasklist submits an object value as a
 * Json variable; a hidden field is neither validated nor submitted.
 */
interface Komponent {
  type: string;
  key?: string;
  path?: string;
  id: string;
  values?: { value: string }[];
  validate?: { required?: boolean; pattern?: string };
  conditional?: { hide?: string };
  components?: Komponent[];
}

const form = JSON.parse(fs.readFileSync(path.join(modelsDir, 'besluta-om-atagande.form'), 'utf8')) as { components: Komponent[] };
const hot = fs.readFileSync(path.join(modelsDir, 'hot-om-avhysning.bpmn'), 'utf8');
const grupp = form.components.find((c) => c.type === 'group' && c.path === 'hyresvardAdress');
const beslut = form.components.find((c) => c.key === 'atervinningsbeslut');

describe('the form Besluta om åtagande', () => {
  it("nests the landlord's postal address under the variable the brev worker reads, with the fields of postadressSchema", () => {
    expect(grupp).toBeDefined();
    expect(grupp!.components!.map((c) => c.key)).toEqual(Object.keys(postadressSchema.shape));
    expect(Object.keys(brevIndata.shape)).toContain(grupp!.path);
    for (const falt of grupp!.components!) expect(falt.validate?.required, falt.key).toBe(true);
  });

  it('shows the address exactly when the committee commits to pay, the decision that leads to the letter', () => {
    const atagande = 'ataga-betalningsansvar';
    expect(beslut!.values!.map((v) => v.value)).toContain(atagande);
    expect(grupp!.conditional?.hide).toBe(`=atervinningsbeslut != "${atagande}"`);
    expect(hot).toContain(`\${atervinningsbeslut == '${atagande}'}`);
  });

  it('lets through the postcodes the worker accepts and stops the others', () => {
    const postnummer = new RegExp(grupp!.components!.find((c) => c.key === 'postnummer')!.validate!.pattern!);
    for (const ok of ['41106', '411 06']) {
      expect(postnummer.test(ok), ok).toBe(true);
      expect(postadressSchema.shape.postnummer.safeParse(ok).success, ok).toBe(true);
    }
    for (const fel of ['4110', '411-06', 'ABC12']) expect(postnummer.test(fel), fel).toBe(false);
  });

  it("submits what the worker reads: the group's values as one object", () => {
    const inskickat = Object.fromEntries(
      grupp!.components!.map((c) => [c.key!, { gatuadress: 'Förvaltargatan 5', postnummer: '411 06', ort: 'Göteborg' }[c.key!]]),
    );
    expect(brevIndata.pick({ hyresvardAdress: true }).parse({ [grupp!.path!]: inskickat }).hyresvardAdress).toEqual({
      gatuadress: 'Förvaltargatan 5',
      postnummer: '41106',
      ort: 'Göteborg',
    });
  });

  it('keeps ids unique and keys unique within their scope', () => {
    const ids = [...form.components, ...(grupp?.components ?? [])].map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const toppnycklar = form.components.map((c) => c.key ?? c.path).filter(Boolean);
    expect(new Set(toppnycklar).size).toBe(toppnycklar.length);
  });
});
