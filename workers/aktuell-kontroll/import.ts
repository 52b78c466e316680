import type { Knex } from 'knex';
import { z } from 'zod';
import { personnummerSchema } from '../../domain/arendevariabler.ts';
import { lasCsv, registerdatumSchema, skrivCsv, skrivTillTabell, type Importresultat, type LastCsv } from '../registerimport.ts';
import { AKTUELLA_TABELL } from './postgres-register.ts';
import { ENHETER, ENHETSKODER, FORVALTNINGAR, type Enhet } from './register.ts';

/**
 * The import of who is aktuell where: a CSV from the case system (Treserva or
 * the administrations' own), one row per person and unit, into `aktuella`.
 * Columns in docs/import.md.
 */
export const AKTUELLA_KOLUMNER = {
  obligatoriska: ['personnummer', 'enhet', 'aktuell_sedan'],
  valfria: ['forvaltning', 'enhetsnamn', 'aktuell_till'],
} as const;

export const aktuellRadSchema = z
  .object({
    personnummer: z.string({ error: 'saknas' }).pipe(personnummerSchema),
    enhet: z.enum(ENHETSKODER, { error: `ska vara en av ${ENHETSKODER.join(', ')}` }),
    forvaltning: z.enum(FORVALTNINGAR, { error: `ska vara en av ${FORVALTNINGAR.join(', ')}` }).optional(),
    enhetsnamn: z.string().max(200, 'får vara högst 200 tecken').optional(),
    aktuell_sedan: z.string({ error: 'saknas' }).pipe(registerdatumSchema),
    aktuell_till: registerdatumSchema.optional(),
  })
  .superRefine((rad, ctx) => {
    if (rad.forvaltning && rad.forvaltning !== ENHETER[rad.enhet]) {
      ctx.addIssue({ code: 'custom', path: ['forvaltning'], message: `enheten hör till förvaltningen ${ENHETER[rad.enhet]}` });
    }
    if (rad.aktuell_till && rad.aktuell_till < rad.aktuell_sedan) {
      ctx.addIssue({ code: 'custom', path: ['aktuell_till'], message: 'ligger före aktuell_sedan' });
    }
  })
  .transform((rad) => ({
    personnummer: rad.personnummer as string,
    enhet: rad.enhet as Enhet,
    forvaltning: ENHETER[rad.enhet],
    enhetsnamn: rad.enhetsnamn,
    aktuell_sedan: rad.aktuell_sedan,
    aktuell_till: rad.aktuell_till,
  }));

export type AktuellTabellrad = z.output<typeof aktuellRadSchema>;

export function lasAktuellaCsv(text: string): LastCsv<AktuellTabellrad> {
  return lasCsv(text, AKTUELLA_KOLUMNER, aktuellRadSchema);
}

/** Loads an extract into `aktuella` (see skrivTillTabell for upsert and `ersatt`). */
export function importeraAktuella(db: Knex, text: string, options: { ersatt?: boolean } = {}): Promise<Importresultat> {
  return skrivTillTabell(
    db,
    { tabell: AKTUELLA_TABELL, nyckel: ['personnummer', 'enhet'], data: ['forvaltning', 'enhetsnamn', 'aktuell_sedan', 'aktuell_till'] },
    lasAktuellaCsv(text),
    options,
  );
}

export interface AktuellCsvRad {
  personnummer: string;
  enhet: Enhet;
  forvaltning?: string;
  enhetsnamn?: string;
  aktuell_sedan: string;
  aktuell_till?: string;
}

export function skrivAktuellaCsv(rader: AktuellCsvRad[]): string {
  return skrivCsv(['personnummer', 'forvaltning', 'enhet', 'enhetsnamn', 'aktuell_sedan', 'aktuell_till'], rader as unknown as Record<string, string>[]);
}
