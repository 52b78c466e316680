import { z } from 'zod';
import { fristpost } from '../../frister/index.ts';
import { adressSchema, hyresgastSchema, hyresvardSchema, postadressSchema } from '../../domain/arendevariabler.ts';
import { BREVTYPER } from '../../domain/brevtyper.ts';
import { svenskTidpunkt } from '../../domain/svensk-tid.ts';

/** null (an empty form field) counts as not given. */
const valfri = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

const isoDatum = z.iso.date();

/**
 * A moment as forms and models write it: with or without seconds and offset
 * (Camunda Forms' datetime gives '2026-12-03T10:00+01:00'); without an offset it
 * is Swedish local time.
 */
const tidpunkt = z.union([
  z.string().refine((s) => TIDPUNKT.test(s) && svenskTidpunkt(s).isValid, {
    error: 'måste vara en tidpunkt, t.ex. 2026-12-03T10:00+01:00',
  }),
  z.date(),
]);
const TIDPUNKT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The variables the brev topic reads (their keys are what the worker fetches).
 * What each letter type needs on top of this is checked by `kontrollera` in brev.ts,
 * so that a missing variable is named together with the letter type that needs it.
 */
export const brevIndata = z.object({
  /** Set per task by the model (input parameter from the element template). */
  brevtyp: z.enum(BREVTYPER),
  /**
   * From the folkbokföring check. A letter never guesses that an address may be printed: until the
   * register has shown that the tenant is not protected (not answered yet, or the tenant is missing
   * from it, as for Kronofogden's same-day confirmation), the identity is treated as protected.
   */
  skyddadIdentitet: z
    .boolean()
    .nullish()
    .transform((v) => v !== false),
  ansvarigHandlaggare: z.string().trim().min(1).max(200),
  ansvarigHandlaggareTelefon: valfri(z.string().trim().min(1).max(50)),
  ansvarigHandlaggareEpost: valfri(z.email()),
  hyresgast: hyresgastSchema,
  adress: valfri(adressSchema),
  hyresvard: valfri(hyresvardSchema),
  /** The landlord's postal address (the åtagande goes by registered post): from the intake or the form "Besluta om åtagande". */
  hyresvardAdress: valfri(postadressSchema),
  /** Kronofogden's case number. */
  malnummer: valfri(z.string().trim().min(1).max(50)),
  avhysningsdatum: valfri(z.union([isoDatum, tidpunkt])),
  /** Kronor. */
  hyresskuld: valfri(z.number().positive().max(10_000_000)),
  hyresskuldAvser: valfri(z.string().trim().min(1).max(200)),
  hembesokTid: valfri(tidpunkt),
  uppfoljningTid: valfri(tidpunkt),
  /** 'rekommenderat' sends the task's postal letters registered; it never downgrades a registered letter. */
  brevkanal: valfri(z.enum(['post', 'rekommenderat'])),
  /** From berakna-frister: the deadlines, by type. */
  fristunderlag: valfri(z.record(z.string(), z.unknown())),
});

export type BrevIndata = z.infer<typeof brevIndata>;

/** A fristunderlag entry, as far as letters need it (the rest is kept in the snapshot). */
export const fristutdragSchema = fristpost.pick({ typ: true, sistaDag: true, senast: true, forfaller: true, lagrum: true });
