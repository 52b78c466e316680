import type { Knex } from 'knex';
import type { Adress } from '../../domain/arendevariabler.ts';
import { FOLKBOKFORING_TABELL } from '../../domain/skyddad-adress.ts';
import type { Personnummer } from '../../domain/personnummer.ts';
import { adressnyckel } from './adress.ts';
import type { FolkbokfordPerson, Folkbokforingsregister } from './register.ts';

// The table's name lives in domain/ because the intake reads it too (to keep a protected tenant's address out of the engine).
export { FOLKBOKFORING_TABELL };

/** The row as stored (migrations/20261125_002_folkbokforing.ts); dates read as text, never as local-time Date. */
export interface PersonRad {
  personnummer: string;
  fornamn: string;
  mellannamn?: string | null;
  efternamn: string;
  co_adress?: string | null;
  utdelningsadress1?: string | null;
  utdelningsadress2?: string | null;
  postnummer?: string | null;
  postort?: string | null;
  lagenhetsnummer?: string | null;
  folkbokforingsdatum?: string | null;
  sekretessmarkering: boolean;
  skyddad_folkbokforing: boolean;
  avregistreringsorsak?: string | null;
  avregistreringsdatum?: string | null;
}

/**
 * The register's columns as an extract carries them, in Navet's order (name,
 * address, dates, markings); the import writes them, this adapter reads them.
 */
export const FOLKBOKFORING_FALT = [
  'personnummer',
  'fornamn',
  'mellannamn',
  'efternamn',
  'co_adress',
  'utdelningsadress1',
  'utdelningsadress2',
  'postnummer',
  'postort',
  'lagenhetsnummer',
  'folkbokforingsdatum',
  'sekretessmarkering',
  'skyddad_folkbokforing',
  'avregistreringsorsak',
  'avregistreringsdatum',
] as const;

// Dates are read as ÅÅÅÅ-MM-DD text, never as the JS Date of the host's zone.
const KOLUMNER = FOLKBOKFORING_FALT.map((f) => (f.endsWith('datum') ? `${f}::text as ${f}` : f));

/** The shipped register: Bokvar's PostgreSQL table, loaded by the import command. */
export class PostgresFolkbokforingsregister implements Folkbokforingsregister {
  constructor(private readonly db: Knex) {}

  async sokPerson(personnummer: Personnummer): Promise<FolkbokfordPerson | undefined> {
    const [rad] = (await this.fraga().where({ personnummer })) as PersonRad[];
    return rad ? personFranRad(rad) : undefined;
  }

  async personerPaAdress(adress: Adress): Promise<FolkbokfordPerson[]> {
    const query = this.fraga()
      .where('adressnyckel', adressnyckel(adress.gatuadress, adress.postnummer))
      .whereNull('avregistreringsorsak')
      .orderBy('personnummer');
    if (adress.lagenhetsnummer) {
      const lgh = adress.lagenhetsnummer;
      query.where((q) => q.where('lagenhetsnummer', lgh).orWhereNull('lagenhetsnummer'));
    }
    return ((await query) as PersonRad[]).map(personFranRad);
  }

  private fraga(): Knex.QueryBuilder {
    return this.db(FOLKBOKFORING_TABELL).select(this.db.raw(KOLUMNER.join(', ')));
  }
}

export function personFranRad(rad: PersonRad): FolkbokfordPerson {
  const gatuadress = rad.utdelningsadress2 ?? rad.utdelningsadress1;
  return {
    personnummer: rad.personnummer as Personnummer,
    fornamn: rad.fornamn,
    ...(rad.mellannamn ? { mellannamn: rad.mellannamn } : {}),
    efternamn: rad.efternamn,
    ...(gatuadress && rad.postnummer && rad.postort
      ? {
          folkbokforingsadress: {
            ...(rad.co_adress ? { coAdress: rad.co_adress } : {}),
            gatuadress,
            postnummer: rad.postnummer,
            ort: rad.postort,
            ...(rad.lagenhetsnummer ? { lagenhetsnummer: rad.lagenhetsnummer } : {}),
          },
        }
      : {}),
    ...(rad.folkbokforingsdatum ? { folkbokforingsdatum: rad.folkbokforingsdatum } : {}),
    sekretessmarkering: rad.sekretessmarkering,
    skyddadFolkbokforing: rad.skyddad_folkbokforing,
    ...(rad.avregistreringsorsak
      ? {
          avregistrering: {
            orsak: rad.avregistreringsorsak,
            ...(rad.avregistreringsdatum ? { datum: rad.avregistreringsdatum } : {}),
          },
        }
      : {}),
  };
}
