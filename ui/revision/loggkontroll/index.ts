import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Anvandare } from '../../auth/roller.ts';

/**
 * Loggkontroll, the read-access review (docs/loggkontroll.md): the auditor
 * filters the read log (lasloggar) by user, case and period, exports it, and
 * draws random samples to review, each recorded in `stickprov`. Reading the
 * read log is not a read of a case, so it is not itself logged; each sample is
 * recorded, and that record is the review's documentation. Only the group
 * revisor. This module is the request (filters, sample) and the records'
 * types; ./facts.ts reads and writes them.
 */
export function kanGranskaLasloggar(a: Anvandare): boolean {
  return a.grupper.includes('revisor');
}

const datum = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ska vara ett datum, ÅÅÅÅ-MM-DD')
  .refine((s) => DateTime.fromISO(s).isValid, 'finns inte i kalendern');

/** Empty form fields mean "no filter". */
const optional = <S extends z.ZodType>(s: S) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

/** Where a read happened: Bokvar's pages and API, or the engine (docs/loggkontroll.md). */
export const KANALER = ['bokvar', 'tasklist', 'cockpit', 'admin', 'webapp', 'rest'] as const;
/** Who read: a person at work, a technical user (workers, Bokvar's UI), an administrator. */
export const KATEGORIER = ['person', 'teknisk', 'administrator'] as const;

export const KANALNAMN: Record<(typeof KANALER)[number], string> = {
  bokvar: 'Bokvar',
  tasklist: 'Tasklist',
  cockpit: 'Cockpit',
  admin: 'Admin (motorn)',
  webapp: 'Motorns webbappar',
  rest: 'Motorns REST-API',
};

export const KATEGORINAMN: Record<(typeof KATEGORIER)[number], string> = {
  person: 'Handläggare och granskare',
  teknisk: 'Teknisk användare',
  administrator: 'Administratör',
};

const filterfalt = {
  anvandare: optional(z.string().trim().min(1).max(100)),
  arende: optional(z.string().trim().min(1).max(50)),
  kanal: optional(z.enum(KANALER)),
  kategori: optional(z.enum(KATEGORIER)),
  fran: optional(datum),
  till: optional(datum),
};

const periodOk = (f: { fran?: string; till?: string }, ctx: z.RefinementCtx) => {
  if (f.fran && f.till && f.till < f.fran) ctx.addIssue({ code: 'custom', path: ['till'], message: 'får inte vara före från-datumet' });
};

export const lasloggfilterSchema = z.strictObject(filterfalt).superRefine(periodOk);
export type Lasloggfilter = z.output<typeof lasloggfilterSchema>;

export const lasloggfragaSchema = z
  .strictObject({
    ...filterfalt,
    forsta: optional(z.coerce.number().int().min(0)).default(0),
    max: optional(z.coerce.number().int().min(1).max(1000)).default(100),
    format: optional(z.enum(['json', 'csv'])).default('json'),
  })
  .superRefine(periodOk);

export const stickprovSchema = z.strictObject({
  filter: lasloggfilterSchema.default({}),
  antal: z.number().int().min(1).max(1000),
});

export interface Lasloggrad {
  id: string;
  tidpunkt: Date;
  anvandare: string;
  arendenummer: string;
  vy: string;
  resurs: string | null;
  syfte: string | null;
  kanal: (typeof KANALER)[number];
  kategori: (typeof KATEGORIER)[number];
}

export interface Stickprov {
  id: string;
  tidpunkt: Date;
  dragenAv: string;
  filter: Lasloggfilter;
  antal: number;
  populationsstorlek: number;
  hogstaId: string | null;
  seed: string;
  radIds: string[];
}
