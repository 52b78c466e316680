/**
 * Processägarnas inställningar: de tider som är vägledning eller lokal rutin (påminnelser,
 * eskaleringar, uppföljning). Lagens fasta tider finns INTE här – de står i fristslagens moduler (berakna/).
 *
 * Filen är frister/installningar.json, eller den fil som miljövariabeln
 * BOKVAR_FRISTER_INSTALLNINGAR pekar på. Den läses och valideras vid första användningen
 * eller när arbetaren startar; en felaktig fil vid start stoppar med ett meddelande som
 * namnger fältet. Arbetarna läser om filen när den ändras (frister/bevakning.ts,
 * `anvandInstallningar`); en ändring gäller frister som beräknas efter den. Varje
 * inställningsversion har en hash (`version`) som varje beräknad frist bär med sig.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { canonicalJson } from '../domain/canonical-json.ts';
import { FristError, felText } from './fel.ts';

export const MILJOVARIABEL = 'BOKVAR_FRISTER_INSTALLNINGAR';
export const STANDARDFIL = fileURLToPath(new URL('./installningar.json', import.meta.url));

type Issue = { code: string; input?: unknown };

/** Svenska texter för typfel; andra fel får zods standardtext. */
function typfel(forvantat: string) {
  return (iss: Issue) => (iss.code === 'invalid_type' ? (iss.input === undefined ? 'saknas' : `måste vara ${forvantat}`) : undefined);
}

const kalla = z
  .string({ error: typfel('en text som anger källan') })
  .trim()
  .min(1, { error: 'måste ange källan (t.ex. handbokens avsnitt eller lokal rutin)' });

const heltal = (min: number, max: number) =>
  z
    .number({ error: typfel('ett tal') })
    .int({ error: 'måste vara ett heltal' })
    .min(min, { error: `måste vara minst ${min}` })
    .max(max, { error: `får vara högst ${max}` });

const objekt = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape, { error: typfel('ett objekt') });

/** A local routine counted in Swedish working days from the day a task starts. */
const vardagsTid = objekt({
  varde: heltal(1, 30),
  enhet: z.literal('vardagar', { error: 'måste vara "vardagar"' }),
  kalla,
  kommentar: z.string().optional(),
});

const kalenderTid = objekt({
  varde: heltal(1, 3650),
  enhet: z.enum(['dagar', 'veckor', 'manader'], { error: 'måste vara "dagar", "veckor" eller "manader"' }),
  kalla,
  kommentar: z.string().optional(),
});

const schema = objekt({
  kommentar: z.string().optional(),
  forhandsbedomningVuxen: objekt({
    paminnelse: kalenderTid,
    eskalering: kalenderTid,
  }),
  bekraftelseKronofogden: objekt({
    eskaleringKlockslag: objekt({
      varde: z
        .string({ error: typfel('ett klockslag "TT:MM"') })
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'måste vara ett klockslag "TT:MM", t.ex. "14:00"' }),
      kalla,
      kommentar: z.string().optional(),
    }),
    eskaleringEfterSenMottagning: objekt({
      varde: heltal(1, 1440),
      enhet: z.enum(['timmar', 'minuter'], { error: 'måste vara "timmar" eller "minuter"' }),
      kalla,
      kommentar: z.string().optional(),
    }),
  }),
  avhysning: objekt({
    paminnelserFore: objekt({
      varde: z
        .array(heltal(1, 30), { error: typfel('en lista med antal vardagar, t.ex. [3, 1]') })
        .refine((l) => new Set(l).size === l.length, { error: 'samma antal vardagar får inte stå två gånger' }),
      enhet: z.literal('vardagar', { error: 'måste vara "vardagar"' }),
      kalla,
      kommentar: z.string().optional(),
    }),
  }),
  uppfoljning: objekt({
    efterAvslut: kalenderTid,
  }),
  svarUppfoljning: objekt({ efter: vardagsTid }),
  hushallKontroll: objekt({ inom: vardagsTid }),
  atagande: objekt({
    /** Working days before the återvinningsfrist's last day that the åtagande decision is due (0 = the last day). */
    beslutFore: objekt({
      varde: heltal(0, 10),
      enhet: z.literal('vardagar', { error: 'måste vara "vardagar"' }),
      kalla,
      kommentar: z.string().optional(),
    }),
  }),
  informeraHyresvarden: objekt({ inom: vardagsTid }),
  delgivningKontroll: objekt({ inom: vardagsTid, eskalering: vardagsTid }),
  uppgiftskontroll: objekt({ hotOmAvhysning: vardagsTid }),
}).superRefine((v, ctx) => {
  if (v.delgivningKontroll.eskalering.varde <= v.delgivningKontroll.inom.varde) {
    ctx.addIssue({
      code: 'custom',
      path: ['delgivningKontroll', 'eskalering', 'varde'],
      message: `eskaleringen (${beskrivTid(v.delgivningKontroll.eskalering)}) måste komma efter förfallodagen (${beskrivTid(v.delgivningKontroll.inom)})`,
    });
  }
  const { paminnelse, eskalering } = v.forhandsbedomningVuxen;
  if (ungefarDagar(eskalering) <= ungefarDagar(paminnelse)) {
    ctx.addIssue({
      code: 'custom',
      path: ['forhandsbedomningVuxen', 'eskalering', 'varde'],
      message: `eskaleringen (${beskrivTid(eskalering)}) måste komma efter påminnelsen (${beskrivTid(paminnelse)})`,
    });
  }
});

export type KalenderTid = z.infer<typeof kalenderTid>;
export type VardagsTid = z.infer<typeof vardagsTid>;
export type Installningar = z.infer<typeof schema> & {
  /** Filen inställningarna lästes från (för spårbarhet). */
  readonly fil: string;
  /** Inställningsversionen: sha256 av innehållet som kanonisk JSON, de första 12 hextecknen. */
  readonly version: string;
};

/** The settings version: the same content gives the same hash whatever the file's key order or whitespace. */
export function installningsversion(data: unknown): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex').slice(0, 12);
}

function ungefarDagar(t: { varde: number; enhet: 'dagar' | 'veckor' | 'manader' }): number {
  return t.varde * (t.enhet === 'dagar' ? 1 : t.enhet === 'veckor' ? 7 : 30);
}

const ENHETER: Record<string, [string, string]> = {
  dagar: ['dag', 'dagar'],
  veckor: ['vecka', 'veckor'],
  manader: ['månad', 'månader'],
  timmar: ['timme', 'timmar'],
  minuter: ['minut', 'minuter'],
  vardagar: ['vardag', 'vardagar'],
};

/** "4 veckor", "1 timme", "3 vardagar". */
export function beskrivTid(t: { varde: number; enhet: string }): string {
  const [en, flera] = ENHETER[t.enhet] ?? [t.enhet, t.enhet];
  return `${t.varde} ${t.varde === 1 ? en : flera}`;
}

function faltnamn(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(hela filen)' : path.map((p) => String(p)).join('.');
}

/** Validerar redan inlästa inställningar (t.ex. i tester). Kastar FristError som namnger fälten. */
export function tolkaInstallningar(data: unknown, fil = '(i minnet)'): Installningar {
  const res = schema.safeParse(data);
  if (!res.success) {
    const detaljer = res.error.issues.map((iss) => {
      if (iss.code === 'unrecognized_keys') {
        return iss.keys.map((k) => `${faltnamn([...iss.path, k])}: okänt fält (stavfel?)`).join('; ');
      }
      return `${faltnamn(iss.path)}: ${iss.message}`;
    });
    throw new FristError('OGILTIGA_INSTALLNINGAR', felText.ogiltigaInstallningar(fil, detaljer));
  }
  return Object.freeze({ ...res.data, fil, version: installningsversion(res.data) });
}

/** Läser och validerar en inställningsfil (standard: miljövariabeln, annars frister/installningar.json). */
export function lasInstallningar(fil: string = process.env[MILJOVARIABEL] || STANDARDFIL): Installningar {
  let text: string;
  try {
    text = readFileSync(fil, 'utf8');
  } catch (e) {
    throw new FristError('OGILTIGA_INSTALLNINGAR', felText.ogiltigaInstallningar(fil, [`filen kunde inte läsas: ${(e as Error).message}`]));
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FristError(
      'OGILTIGA_INSTALLNINGAR',
      felText.ogiltigaInstallningar(fil, [`filen är inte giltig JSON: ${(e as Error).message}`]),
    );
  }
  return tolkaInstallningar(data, fil);
}

let cachade: Installningar | undefined;

/** Inställningarna som gäller i processen: lästa en gång, sedan samma objekt tills de byts ut (anvandInstallningar). */
export function hamtaInstallningar(): Installningar {
  cachade ??= lasInstallningar();
  return cachade;
}

/** Byter de inställningar som gäller i processen (arbetarnas omläsning, frister/bevakning.ts). */
export function anvandInstallningar(inst: Installningar): void {
  cachade = inst;
}

/** Glömmer de cachade inställningarna (för tester). */
export function glomInstallningar(): void {
  cachade = undefined;
}

/** En ändrad inställning: fältet och dess värde före och efter, som text. */
export type Installningsandring = { installning: string; fran: string; till: string };

/**
 * What changed between two versions, field by field (e.g. 'forhandsbedomningVuxen.paminnelse.varde': '2' → '3').
 * Free texts (kalla, kommentar) are reported as changed, not quoted: the log stays short.
 */
export function installningsandringar(fore: Installningar, efter: Installningar): Installningsandring[] {
  const a = lov(fore);
  const b = lov(efter);
  const andringar: Installningsandring[] = [];
  for (const falt of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(falt);
    const y = b.get(falt);
    if (x === y) continue;
    const fritext = /(^|\.)(kalla|kommentar)$/.test(falt);
    andringar.push({
      installning: falt,
      fran: x === undefined ? '(saknas)' : fritext ? '(text)' : x,
      till: y === undefined ? '(saknas)' : fritext ? '(ändrad text)' : y,
    });
  }
  return andringar;
}

/** The leaves of the settings as dotted paths (arrays are one value); fil and version are not settings. */
function lov(inst: Installningar): Map<string, string> {
  const { fil: _fil, version: _version, ...data } = inst;
  const ut = new Map<string, string>();
  const ga = (v: unknown, sokvag: string) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, u] of Object.entries(v)) ga(u, sokvag ? `${sokvag}.${k}` : k);
    } else ut.set(sokvag, typeof v === 'string' ? v : JSON.stringify(v));
  };
  ga(data, '');
  return ut;
}
