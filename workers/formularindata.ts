import { z } from 'zod';
import { svenskTidpunkt } from '../domain/svensk-tid.ts';

/**
 * Input that Tasklist's forms capture, as the consent topics read it: lists from
 * a closed vocabulary, and dates or moments. The error messages end up in
 * incidents and never contain the value itself.
 */

/** Tasklist's clock and the worker's do not agree exactly: a moment this far ahead still counts as now. */
export const TILLATEN_KLOCKSKILLNAD_MS = 5 * 60_000;

/** A list from the vocabulary: a checklist (JSON list), a single value or comma-separated text. */
export function listaAv<S extends z.ZodType<string, string>>(schema: S) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((varde) => (typeof varde === 'string' ? varde.split(',') : varde).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(schema))
    .transform((lista) => [...new Set(lista)]);
}

/** An empty form field (null or '') means the value is absent. */
export function valfri<S extends z.ZodType>(schema: S) {
  return z.preprocess((v) => (v === null || v === '' ? undefined : v), schema.optional());
}

const DATUM = /^\d{4}-\d{2}-\d{2}$/;
const TIDPUNKT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const FEL_TIDPUNKT = 'ska vara ett datum (ÅÅÅÅ-MM-DD) eller en tidpunkt (ÅÅÅÅ-MM-DDTtt:mm, helst med tidszon)';

/**
 * A date or a date and time, as a moment. A bare date is a whole Swedish
 * calendar day: as a start (`'start'`) it is the day's beginning, as an end
 * (`'slut'`) the beginning of the day after, so that "valid until 31 December"
 * covers that whole day. A time without a zone is Swedish local time.
 */
export function tidpunkt(sida: 'start' | 'slut') {
  return z.union([z.date(), z.string()]).transform((varde, ctx): Date => {
    const ogonblick = tolkaTidpunkt(varde, sida);
    if (ogonblick === null) {
      ctx.addIssue({ code: 'custom', message: FEL_TIDPUNKT });
      return z.NEVER;
    }
    return ogonblick;
  });
}

export function tolkaTidpunkt(varde: Date | string, sida: 'start' | 'slut'): Date | null {
  if (varde instanceof Date) return Number.isNaN(varde.getTime()) ? null : varde;
  const text = varde.trim();
  if (DATUM.test(text)) {
    const dag = svenskTidpunkt(text);
    if (!dag.isValid) return null;
    return (sida === 'start' ? dag : dag.plus({ days: 1 })).startOf('day').toJSDate();
  }
  if (!TIDPUNKT.test(text)) return null;
  const dt = svenskTidpunkt(text);
  return dt.isValid ? dt.toJSDate() : null;
}

/** A user id in the engine, e.g. `vera`. */
export const anvandarId = z.string().trim().min(1).max(100);

/** A moment with its offset in Swedish time, as a process variable and in the auditors' records. */
export function iso(ogonblick: Date): string {
  return svenskTidpunkt(ogonblick).toISO({ suppressMilliseconds: true }) ?? ogonblick.toISOString();
}
