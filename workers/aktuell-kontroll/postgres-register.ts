import type { Knex } from 'knex';
import type { Personnummer } from '../../domain/personnummer.ts';
import type { Aktualitet, Aktualitetsregister, Enhet, Forvaltning } from './register.ts';

export const AKTUELLA_TABELL = 'aktuella';

interface AktuellRad {
  enhet: Enhet;
  forvaltning: Forvaltning;
  enhetsnamn: string | null;
  sedan: string;
  till: string | null;
}

/** The shipped register: Bokvar's PostgreSQL table, loaded by the import command. */
export class PostgresAktualitetsregister implements Aktualitetsregister {
  constructor(private readonly db: Knex) {}

  async aktuellaEnheter(personnummer: Personnummer, pa: string): Promise<Aktualitet[]> {
    const rader = (await this.db(AKTUELLA_TABELL)
      .select('enhet', 'forvaltning', 'enhetsnamn', this.db.raw('aktuell_sedan::text AS sedan'), this.db.raw('aktuell_till::text AS till'))
      .where({ personnummer })
      .where('aktuell_sedan', '<=', pa)
      .where((q) => q.whereNull('aktuell_till').orWhere('aktuell_till', '>=', pa))
      .orderBy(['forvaltning', 'enhet'])) as AktuellRad[];
    return rader.map((r) => ({
      enhet: r.enhet,
      forvaltning: r.forvaltning,
      ...(r.enhetsnamn ? { enhetsnamn: r.enhetsnamn } : {}),
      sedan: r.sedan,
      ...(r.till ? { till: r.till } : {}),
    }));
  }
}
