import { z } from 'zod';
import { personnummerFelText, tolkaPersonnummer, type Personnummer } from './personnummer.ts';

/**
 * The case variables that intake, the processes and the workers share. They
 * travel as JSON process variables with these names and shapes; the API fields
 * of the intake use the same schemas.
 */
export const personnummerSchema = z.string().transform((text, ctx): Personnummer => {
  const parsed = tolkaPersonnummer(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: `Personnumret ${personnummerFelText[parsed.fel]}` });
    return z.NEVER;
  }
  return parsed.varde;
});

export const hyresgastSchema = z.object({
  personnummer: personnummerSchema,
  namn: z.string().trim().min(1).max(200),
});

export const adressSchema = z.object({
  gatuadress: z.string().trim().min(1).max(200),
  postnummer: z
    .string()
    .transform((s) => s.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{5}$/, 'Postnumret ska ha fem siffror')),
  ort: z.string().trim().min(1).max(100),
  lagenhetsnummer: z
    .string()
    .regex(/^\d{4}$/, 'Lägenhetsnumret ska ha fyra siffror')
    .optional(),
});

/**
 * A postal address without a flat: the landlord's (`hyresvardAdress`). The
 * intake, the form "Besluta om åtagande" (a group with this path) and the brev
 * worker share it.
 */
export const postadressSchema = adressSchema.omit({ lagenhetsnummer: true });

export const hyresvardSchema = z.object({
  namn: z.string().trim().min(1).max(200),
  kontaktperson: z.string().trim().max(200).optional(),
  telefon: z.string().trim().max(50).optional(),
  epost: z.email().optional(),
});

/** Who reported a threat of eviction (`kalla`); a Kronofogden case has 'kronofogden'. */
export const KALLOR = ['hyresvard', 'storningsjour', 'annan-forvaltning', 'anhorig', 'privatperson', 'annan'] as const;
export type Kalla = (typeof KALLOR)[number];

/** Why the tenancy is threatened (`orsak`); only unpaid rent gives an återvinningsfrist. */
export const ORSAKER = ['obetald-hyra', 'storningar', 'vanvard', 'annat'] as const;
export type Orsak = (typeof ORSAKER)[number];

export type Hyresgast = z.infer<typeof hyresgastSchema>;
export type Adress = z.infer<typeof adressSchema>;
export type Postadress = z.infer<typeof postadressSchema>;
export type Hyresvard = z.infer<typeof hyresvardSchema>;
