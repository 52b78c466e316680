import { describe, expect, it } from 'vitest';
import { KALLOR, ORSAKER } from '../../../domain/arendevariabler.ts';
import { BARNKALLOR } from '../../../domain/barnkallor.ts';
import { BREVTYPER, KANALER, MOTTAGARROLLER } from '../../../domain/brevtyper.ts';
import { ENHETER } from '../../../domain/enheter.ts';
import {
  BARNKALLANAMN,
  BREVKANALNAMN,
  BREVTYPNAMN,
  ENHETSNAMN,
  etikett,
  KALLNAMN,
  MOTTAGARNAMN,
  ORSAKNAMN,
} from '../../../domain/etiketter.ts';
import { GROUPS } from '../../../scripts/identity.ts';

/** The compiler already requires a name for every id; these pin that no map names an id that no longer exists. */
describe('the label maps', () => {
  it.each([
    ['letter types', BREVTYPNAMN, BREVTYPER],
    ['recipients', MOTTAGARNAMN, MOTTAGARROLLER],
    ['channels', BREVKANALNAMN, KANALER],
    ['reporters', KALLNAMN, KALLOR],
    ['grounds', ORSAKNAMN, ORSAKER],
    ['units', ENHETSNAMN, ENHETER],
    ['sources of child discoveries', BARNKALLANAMN, Object.keys(BARNKALLOR)],
  ] as const)('names exactly the %s', (_namn, karta, idn) => {
    expect(Object.keys(karta).sort()).toEqual([...idn].sort());
    for (const namn of Object.values(karta)) expect(namn.trim()).not.toBe('');
  });

  it("gives the engine its groups with the units' names", () => {
    for (const enhet of ENHETER) expect(GROUPS).toContainEqual({ id: enhet, name: ENHETSNAMN[enhet] });
  });

  it('looks up an id from the engine or the database, and has no name for an unknown one', () => {
    expect(etikett(BREVTYPNAMN, 'hembesok')).toBe('Brev om hembesök');
    expect(etikett(BREVTYPNAMN, 'gammal-brevtyp')).toBeUndefined();
    expect(etikett(BREVTYPNAMN, 'toString')).toBeUndefined();
  });
});
