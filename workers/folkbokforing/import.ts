import { z } from 'zod';
import { personnummerSchema } from '../../domain/arendevariabler.ts';
import { jaNejSchema, registerdatumSchema, writeCsv, type Registerimport } from '../registerimport.ts';
import { adressnyckel, lagenhetsnummerIAdressrad } from './adress.ts';
import { FOLKBOKFORING_FALT, FOLKBOKFORING_TABELL } from './postgres-register.ts';

/**
 * The population register's import: a CSV made from a Navet or SPAR extract
 * (columns in docs/import.md) into `folkbokforing_personer`.
 */
const OBLIGATORISKA = ['personnummer', 'fornamn', 'efternamn', 'utdelningsadress2', 'postnummer', 'postort'] as const;

/** The register's columns (FOLKBOKFORING_FALT): these six must be in the header, the rest may be. */
export const FOLKBOKFORING_KOLUMNER = {
  obligatoriska: OBLIGATORISKA,
  valfria: FOLKBOKFORING_FALT.filter((f) => !(OBLIGATORISKA as readonly string[]).includes(f)),
};

const text = (max: number) => z.string({ error: 'saknas' }).max(max, `får vara högst ${max} tecken`);

export const folkbokforingRadSchema = z
  .object({
    personnummer: z.string({ error: 'saknas' }).pipe(personnummerSchema),
    fornamn: text(200),
    mellannamn: text(200).optional(),
    efternamn: text(200),
    co_adress: text(200).optional(),
    utdelningsadress1: text(200).optional(),
    utdelningsadress2: text(200).optional(),
    postnummer: z
      .string()
      .transform((s) => s.replace(/\s/g, ''))
      .pipe(z.string().regex(/^\d{5}$/, 'ska ha fem siffror'))
      .optional(),
    postort: text(100).optional(),
    lagenhetsnummer: z
      .string()
      .regex(/^\d{4}$/, 'ska ha fyra siffror')
      .optional(),
    folkbokforingsdatum: registerdatumSchema.optional(),
    sekretessmarkering: jaNejSchema,
    skyddad_folkbokforing: jaNejSchema,
    avregistreringsorsak: z
      .string()
      .transform((s) => s.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/, 'ska vara en kod med två bokstäver (AV, UV, GN …)'))
      .optional(),
    avregistreringsdatum: registerdatumSchema.optional(),
  })
  .superRefine((rad, ctx) => {
    // An address is whole or absent (a deregistered person may have none).
    const delar = { gatuadress: rad.utdelningsadress2 ?? rad.utdelningsadress1, postnummer: rad.postnummer, postort: rad.postort };
    if (Object.values(delar).some(Boolean)) {
      for (const [del, varde] of Object.entries(delar)) {
        if (!varde) {
          const kolumn = del === 'gatuadress' ? 'utdelningsadress2' : del;
          ctx.addIssue({ code: 'custom', path: [kolumn], message: 'saknas, resten av adressen finns' });
        }
      }
    }
    if (rad.avregistreringsdatum && !rad.avregistreringsorsak) {
      ctx.addIssue({ code: 'custom', path: ['avregistreringsorsak'], message: 'saknas, avregistreringsdatum finns' });
    }
  })
  .transform((rad) => {
    const gatuadress = rad.utdelningsadress2 ?? rad.utdelningsadress1;
    const lagenhetsnummer =
      rad.lagenhetsnummer ?? [rad.utdelningsadress2, rad.utdelningsadress1].map((r) => r && lagenhetsnummerIAdressrad(r)).find(Boolean);
    return {
      personnummer: rad.personnummer as string,
      fornamn: rad.fornamn,
      mellannamn: rad.mellannamn,
      efternamn: rad.efternamn,
      co_adress: rad.co_adress,
      utdelningsadress1: rad.utdelningsadress1,
      utdelningsadress2: rad.utdelningsadress2,
      postnummer: rad.postnummer,
      postort: rad.postort,
      lagenhetsnummer,
      adressnyckel: gatuadress && rad.postnummer ? adressnyckel(gatuadress, rad.postnummer) : undefined,
      folkbokforingsdatum: rad.folkbokforingsdatum,
      sekretessmarkering: rad.sekretessmarkering,
      skyddad_folkbokforing: rad.skyddad_folkbokforing,
      avregistreringsorsak: rad.avregistreringsorsak,
      avregistreringsdatum: rad.avregistreringsdatum,
    };
  });

export type FolkbokforingTabellrad = z.output<typeof folkbokforingRadSchema>;

/** Read with lasUttag, loaded with importeraUttag (../registerimport.ts); key: personnummer. */
export const FOLKBOKFORING_IMPORT: Registerimport<FolkbokforingTabellrad> = {
  kolumner: FOLKBOKFORING_KOLUMNER,
  schema: folkbokforingRadSchema,
  // Every column besides the key, and the address key the import derives.
  tabell: {
    tabell: FOLKBOKFORING_TABELL,
    nyckel: ['personnummer'],
    data: [...FOLKBOKFORING_FALT.filter((f) => f !== 'personnummer'), 'adressnyckel'],
  },
};

/** A CSV extract in the import's own format, e.g. from the synthetic population. */
export interface FolkbokforingCsvRad {
  personnummer: string;
  fornamn: string;
  mellannamn?: string;
  efternamn: string;
  co_adress?: string;
  utdelningsadress1?: string;
  utdelningsadress2?: string;
  postnummer?: string;
  postort?: string;
  lagenhetsnummer?: string;
  folkbokforingsdatum?: string;
  sekretessmarkering: 'J' | 'N';
  skyddad_folkbokforing: 'J' | 'N';
  avregistreringsorsak?: string;
  avregistreringsdatum?: string;
}

export function skrivFolkbokforingCsv(rader: FolkbokforingCsvRad[]): string {
  return writeCsv(FOLKBOKFORING_FALT, rader as unknown as Record<string, string>[]);
}
