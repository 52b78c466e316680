/**
 * The sender of every letter: the municipality, its social-services committee and
 * administration, and where the public reaches them. Read from
 * workers/brev/avsandare.json, or the file BOKVAR_BREV_AVSANDARE names, once at
 * start-up; a bad file stops the worker with a message naming the field. The
 * responsible caseworker is not here: each case names its own (process variables).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const AVSANDARE_MILJOVARIABEL = 'BOKVAR_BREV_AVSANDARE';
export const AVSANDARE_STANDARDFIL = fileURLToPath(new URL('./avsandare.json', import.meta.url));

type Issue = { code: string; input?: unknown };
const typfel = (forvantat: string) => (iss: Issue) =>
  iss.code === 'invalid_type' ? (iss.input === undefined ? 'saknas' : `måste vara ${forvantat}`) : undefined;

// Metadata (XMP) is XML that pdfkit writes without escaping: keep markup characters out.
const text = (max = 200) =>
  z
    .string({ error: typfel('en text') })
    .trim()
    .min(1, { error: 'får inte vara tom' })
    .max(max, { error: `får vara högst ${max} tecken` })
    .regex(/^[^<>&]*$/, { error: 'får inte innehålla <, > eller &' });

const rader = z
  .array(text(), { error: typfel('en lista med rader') })
  .min(1, { error: 'måste ha minst en rad' })
  .max(6, { error: 'får ha högst 6 rader' });

const epost = z.email({ error: (iss) => (iss.input === undefined ? 'saknas' : 'måste vara en e-postadress') });

const schema = z.strictObject(
  {
    kommentar: z.string().optional(),
    kommun: text(),
    namnd: text(),
    forvaltning: text(),
    enhet: text().optional(),
    postadress: rader,
    besoksadress: text().optional(),
    telefon: text(50),
    epost,
    webbplats: text().optional(),
    kronofogden: z.strictObject({ namn: text(), epost }, { error: typfel('ett objekt') }),
    sarskildPostformedling: z.strictObject({ kommentar: z.string().optional(), rader }, { error: typfel('ett objekt') }),
  },
  { error: typfel('ett objekt') },
);

export type Avsandare = z.infer<typeof schema> & { readonly fil: string };

export class AvsandareError extends Error {
  override name = 'AvsandareError';
}

function falt(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(hela filen)' : path.map(String).join('.');
}

/** Validates sender details already read (tests, other sources). Throws AvsandareError naming each field. */
export function tolkaAvsandare(data: unknown, fil = '(i minnet)'): Avsandare {
  const res = schema.safeParse(data);
  if (res.success) return Object.freeze({ ...res.data, fil });
  const problem = res.error.issues.flatMap((iss) =>
    iss.code === 'unrecognized_keys'
      ? iss.keys.map((k) => `${falt([...iss.path, k])}: okänt fält (stavfel?)`)
      : [`${falt(iss.path)}: ${iss.message}`],
  );
  throw new AvsandareError(`Avsändaruppgifterna i ${fil} är ogiltiga: ${problem.join('; ')}`);
}

export function lasAvsandare(fil: string = process.env[AVSANDARE_MILJOVARIABEL] || AVSANDARE_STANDARDFIL): Avsandare {
  let innehall: string;
  try {
    innehall = readFileSync(fil, 'utf8');
  } catch (e) {
    throw new AvsandareError(`Avsändaruppgifterna kunde inte läsas från ${fil}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(innehall);
  } catch (e) {
    throw new AvsandareError(`Avsändaruppgifterna i ${fil} är inte giltig JSON: ${(e as Error).message}`);
  }
  return tolkaAvsandare(data, fil);
}
