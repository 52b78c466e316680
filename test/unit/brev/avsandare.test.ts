import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AvsandareError, lasAvsandare, tolkaAvsandare } from '../../../workers/brev/avsandare.ts';
import { avsandareData } from './stod.ts';

function felFor(data: unknown): string {
  try {
    tolkaAvsandare(data, 'avsandare-test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(AvsandareError);
    return (error as Error).message;
  }
  throw new Error('expected AvsandareError');
}

describe('sender configuration', () => {
  it('the shipped file is valid', () => {
    const avsandare = lasAvsandare();
    expect(avsandare.kommun).toBe('Älvby kommun');
    expect(avsandare.fil).toMatch(/workers\/brev\/avsandare\.json$/);
  });

  it('names each bad field, and the file', () => {
    const { telefon: _telefon, ...utanTelefon } = avsandareData;
    const text = felFor({ ...utanTelefon, epost: 'inte en adress', postadress: [], kronofogden: { namn: 'KFM' }, foo: 1 });
    expect(text).toMatch(/^Avsändaruppgifterna i avsandare-test\.json är ogiltiga: /);
    expect(text).toContain('telefon: saknas');
    expect(text).toContain('epost: måste vara en e-postadress');
    expect(text).toContain('postadress: måste ha minst en rad');
    expect(text).toContain('kronofogden.epost: saknas');
    expect(text).toContain('foo: okänt fält (stavfel?)');
  });

  it('keeps markup out of what becomes PDF metadata', () => {
    expect(felFor({ ...avsandareData, forvaltning: 'Social- & arbetsmarknadsförvaltningen' })).toContain(
      'forvaltning: får inte innehålla <, > eller &',
    );
  });

  it('is read from the file BOKVAR_BREV_AVSANDARE names', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brev-'));
    const fil = path.join(dir, 'avsandare.json');
    writeFileSync(fil, JSON.stringify({ ...avsandareData, kommun: 'Ödeby kommun' }));
    expect(lasAvsandare(fil).kommun).toBe('Ödeby kommun');
    writeFileSync(fil, '{ inte json');
    expect(() => lasAvsandare(fil)).toThrow(/är inte giltig JSON/);
  });
});
