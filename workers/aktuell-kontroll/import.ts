import { z } from 'zod';
import { personnummerSchema } from '../../domain/arendevariabler.ts';
import { registerdatumSchema, writeCsv, type Registerimport } from '../registerimport.ts';
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

/** Read with lasUttag, loaded with importeraUttag (../registerimport.ts); key: personnummer and enhet. */
export const AKTUELLA_IMPORT: Registerimport<AktuellTabellrad> = {
  kolumner: AKTUELLA_KOLUMNER,
  schema: aktuellRadSchema,
  tabell: {
    tabell: AKTUELLA_TABELL,
    nyckel: ['personnummer', 'enhet'],
    data: ['forvaltning', 'enhetsnamn', 'aktuell_sedan', 'aktuell_till'],
  },
};

export interface AktuellCsvRad {
  personnummer: string;
  enhet: Enhet;
  forvaltning?: string;
  enhetsnamn?: string;
  aktuell_sedan: string;
  aktuell_till?: string;
}

export function skrivAktuellaCsv(rader: AktuellCsvRad[]): string {
  return writeCsv(
    ['personnummer', 'forvaltning', 'enhet', 'enhetsnamn', 'aktuell_sedan', 'aktuell_till'],
    rader as unknown as Record<string, string>[],
  );
}
