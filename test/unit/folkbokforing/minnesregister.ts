import fs from 'node:fs';
import path from 'node:path';
import type { Adress } from '../../../domain/arendevariabler.ts';
import type { Personnummer } from '../../../domain/personnummer.ts';
import { adressnyckel } from '../../../workers/folkbokforing/adress.ts';
import { FOLKBOKFORING_IMPORT, type FolkbokforingTabellrad } from '../../../workers/folkbokforing/import.ts';
import { personFranRad } from '../../../workers/folkbokforing/postgres-register.ts';
import { lasUttag } from '../../../workers/registerimport.ts';
import type { FolkbokfordPerson, Folkbokforingsregister } from '../../../workers/folkbokforing/register.ts';

/**
 * The register in memory, for unit tests of the topic's logic: the same rows the
 * import would store, looked up the way postgres-register.ts's SQL does.
 */
export class MinnesFolkbokforingsregister implements Folkbokforingsregister {
  constructor(private readonly rader: FolkbokforingTabellrad[]) {}

  static franCsv(text: string): MinnesFolkbokforingsregister {
    const last = lasUttag(FOLKBOKFORING_IMPORT, text);
    if (last.fel.length > 0) throw new Error(`fixture has bad lines: ${JSON.stringify(last.fel)}`);
    return new MinnesFolkbokforingsregister(last.rader.map((r) => r.varde));
  }

  async sokPerson(personnummer: Personnummer): Promise<FolkbokfordPerson | undefined> {
    const rad = this.rader.find((r) => r.personnummer === personnummer);
    return rad ? personFranRad(rad) : undefined;
  }

  async personerPaAdress(adress: Adress): Promise<FolkbokfordPerson[]> {
    const nyckel = adressnyckel(adress.gatuadress, adress.postnummer);
    return this.rader
      .filter((r) => r.adressnyckel === nyckel && !r.avregistreringsorsak)
      .filter((r) => !adress.lagenhetsnummer || !r.lagenhetsnummer || r.lagenhetsnummer === adress.lagenhetsnummer)
      .sort((a, b) => a.personnummer.localeCompare(b.personnummer))
      .map(personFranRad);
  }
}

export const fixturer = path.join(import.meta.dirname, 'fixtures');
export const navetUttag = () => fs.readFileSync(path.join(fixturer, 'navet-uttag.csv'), 'utf8');
