import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZON } from '../../frister/index.ts';

/**
 * Indata som formulären i Tasklist fångar: listor ur en stängd vokabulär och
 * datum eller tidpunkter. Felmeddelandena hamnar i incidenter och får aldrig
 * innehålla själva värdet.
 */

/** En lista ur vokabulären: en checklista (JSON-lista), ett enda värde eller en kommaseparerad text. */
export function listaAv<S extends z.ZodType<string, string>>(schema: S) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((varde) => (typeof varde === 'string' ? varde.split(',') : varde).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(schema))
    .transform((lista) => [...new Set(lista)]);
}

/** Tomt fält i ett formulär (null eller '') betyder att värdet saknas. */
export function valfri<S extends z.ZodType>(schema: S) {
  return z.preprocess((v) => (v === null || v === '' ? undefined : v), schema.optional());
}

const DATUM = /^\d{4}-\d{2}-\d{2}$/;
const TIDPUNKT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const FEL_TIDPUNKT = 'ska vara ett datum (ÅÅÅÅ-MM-DD) eller en tidpunkt (ÅÅÅÅ-MM-DDTtt:mm, helst med tidszon)';

/**
 * Ett datum eller en tidpunkt som ett ögonblick. Ett rent datum är en hel
 * svensk kalenderdag: som början (`'start'`) är det dagens början, som slut
 * (`'slut'`) början av dagen efter, så att "giltigt till 31 december" gäller
 * hela den dagen. En tidpunkt utan tidszon är svensk lokal tid.
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
    const dag = DateTime.fromISO(text, { zone: ZON });
    if (!dag.isValid) return null;
    return (sida === 'start' ? dag : dag.plus({ days: 1 })).startOf('day').toJSDate();
  }
  if (!TIDPUNKT.test(text)) return null;
  const dt = DateTime.fromISO(text, { zone: ZON });
  return dt.isValid ? dt.toJSDate() : null;
}

/** Användar-id i processmotorn, t.ex. `vera`. */
export const anvandarId = z.string().trim().min(1).max(100);

/** Tidpunkt med offset i svensk tid, som processvariabel och i underlag för revisorer. */
export function iso(ogonblick: Date): string {
  return DateTime.fromJSDate(ogonblick, { zone: ZON }).toISO({ suppressMilliseconds: true }) ?? ogonblick.toISOString();
}
