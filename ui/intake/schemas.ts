import { DateTime } from 'luxon';
import { z } from 'zod';
import { adressSchema, hyresgastSchema, hyresvardSchema, KALLOR, ORSAKER, postadressSchema } from '../../domain/arendevariabler.ts';
import { svenskTidpunkt } from '../../domain/svensk-tid.ts';

/**
 * The intake's request bodies. The same schemas validate the API, the paper
 * intake form and generate the OpenAPI document (z.toJSONSchema), so the
 * documentation cannot drift from what is checked.
 */

/**
 * The dates a case can carry: from 2000 until five years ahead. A notice
 * received in 1900 or an eviction in 9999 is a typing error, and the deadline
 * calendar would turn it into an immediate incident instead of a clear 400.
 */
const TIDIGAST = svenskTidpunkt('2000-01-01');
const senast = () => svenskTidpunkt(new Date()).plus({ years: 5 }).endOf('day');
const inomRimligtIntervall = (t: DateTime) => t >= TIDIGAST && t <= senast();
const UTANFOR = 'ligger utanför det rimliga intervallet (år 2000 till fem år framåt)';

/** A calendar date that exists (2026-02-30 does not), in the range a case can carry. */
export const datumSchema = z.iso
  .date({ error: 'ska vara ett datum ÅÅÅÅ-MM-DD' })
  .refine((s) => DateTime.fromISO(s).isValid, 'datumet finns inte')
  .refine((s) => inomRimligtIntervall(svenskTidpunkt(s)), `datumet ${UTANFOR}`);

/** ISO 8601 date-time with an explicit offset, so the deadline clock is unambiguous. */
export const tidpunktSchema = z.iso
  .datetime({ offset: true, error: 'ska vara en tidpunkt med tidszon, t.ex. 2026-11-25T09:30:00+01:00' })
  .refine((s) => DateTime.fromISO(s, { setZone: true }).isValid, 'tidpunkten finns inte')
  .refine((s) => inomRimligtIntervall(DateTime.fromISO(s, { setZone: true })), `tidpunkten ${UTANFOR}`);

export const mottagenSchema = tidpunktSchema.refine(
  (s) => DateTime.fromISO(s).toMillis() <= Date.now() + 5 * 60_000,
  'mottagen kan inte ligga i framtiden',
);

export const underrattelseSchema = z
  .strictObject({
    mottagen: mottagenSchema,
    kalla: z.enum(KALLOR),
    orsak: z.enum(ORSAKER),
    hyresgast: hyresgastSchema,
    adress: adressSchema,
    hyresvard: hyresvardSchema,
    hyresvardAdress: postadressSchema.optional().meta({
      description:
        'Hyresvärdens postadress. Ett åtagande om betalningsansvar skickas dit med rekommenderat brev (12 kap. 44 § jordabalken).',
    }),
    uppsagning: z
      .strictObject({
        // Optional: a notice about unpaid rent may arrive without it; the case then asks for it
        // ("Ta reda på delgivningsdatum") and takes it later (delgivning-registrerad).
        delgivningsdatum: datumSchema.optional(),
        hyresskuld: z.number().nonnegative().max(100_000_000).optional(),
      })
      .optional(),
    barn: z
      .array(
        z.strictObject({
          namn: z.string().trim().min(1).max(200).optional(),
          alder: z.number().int().min(0).max(20).optional(),
        }),
      )
      .max(20)
      .optional(),
    beskrivning: z.string().trim().max(4000).optional(),
  })
  .meta({ title: 'Underrattelse', description: 'Underrättelse om hot om avhysning (uppsägning, störningar m.m.)' });

export const kronofogdeMeddelandeSchema = z
  .strictObject({
    mottagen: mottagenSchema,
    malnummer: z.string().trim().min(1).max(50),
    avhysningsdatum: datumSchema,
    hyresgast: hyresgastSchema,
    adress: adressSchema,
    hyresvard: hyresvardSchema.optional(),
  })
  .meta({ title: 'KronofogdeMeddelande', description: 'Information om avhysning från Kronofogden' });

export const handelseSchema = z
  .discriminatedUnion('typ', [
    z.strictObject({
      typ: z.literal('anstand-beviljat'),
      nyttAvhysningsdatum: datumSchema,
      beslutsdatum: datumSchema.optional().meta({
        description:
          'Dagen Kronofogden beslutade anståndet. Av två anstånd gäller det senare beslutet; utan beslutsdatum räknas dagen beskedet kom in.',
      }),
    }),
    z.strictObject({ typ: z.literal('nycklar-aterlamnade') }),
    z.strictObject({
      typ: z.literal('avhysning-installd'),
      orsak: z.string().trim().min(1).max(200).optional().meta({ description: 'Kronofogdens skäl, t.ex. skulden betald.' }),
    }),
    z.strictObject({ typ: z.literal('delgivning-registrerad'), delgivningsdatum: datumSchema }).meta({
      description:
        'Uppsägning för obetald hyra: dagen då hyresgästen delgavs uppsägningen, när underrättelsen saknade den. Återvinningsfristen räknas då från den senare av detta datum och mottagandet (12 kap. 44 § jordabalken). Har ärendet redan en frist: skicka rattat-meddelande.',
    }),
    z
      .strictObject({
        typ: z.literal('rattat-meddelande'),
        mottagen: mottagenSchema,
        delgivningsdatum: datumSchema.optional(),
        brist: z
          .string()
          .trim()
          .min(1)
          .max(500)
          .optional()
          .meta({ description: 'Vad som var fel i det första meddelandet, t.ex. fel belopp.' }),
      })
      .meta({
        description:
          'Hyresvärdens rättade meddelande om uppsägning för obetald hyra (NJA 1985 s. 586): återvinningsfristen räknas om från den senare av det rättade meddelandets mottagande och delgivningen, och allt som vilar på fristen flyttas. När som helst medan ärendet pågår.',
      }),
  ])
  .meta({
    title: 'Handelse',
    description:
      'Ett besked från Kronofogden i ett pågående ärende om avhysning från Kronofogden. Tas emot var ärendet än står (202); 409 när ärendet är avslutat eller inte är ett Kronofogdenärende.',
  });

export type Underrattelse = z.infer<typeof underrattelseSchema>;
export type KronofogdeMeddelande = z.infer<typeof kronofogdeMeddelandeSchema>;
export type Handelse = z.infer<typeof handelseSchema>;

export const ARENDENUMMER = /^BV-\d{4}-\d{6,}$/;
