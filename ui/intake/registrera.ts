import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { enheterForUnderrattelse, PROCESSER } from '../../domain/processer.ts';
import { svenskTidpunkt } from '../../domain/svensk-tid.ts';
import { atervinningsfrist, bekraftelseKronofogden, forhandsbedomningVuxen } from '../../frister/index.ts';
import type { PlainValue } from '../../engine-rest/variables.ts';
import type { Engine } from '../engine/engine.ts';
import { startaArende, type Registrerat } from './arendestart.ts';
import type { KronofogdeMeddelande, Underrattelse } from './schemas.ts';

export type { Registrerat };

/**
 * Registers a notice: what the case's process is told (variables, deadlines,
 * units), started by ./arendestart.ts (the write path: row, number, start).
 * The source reference (a hash of the normalised content) makes a notice sent
 * twice land on the same case.
 *
 * Protected identity: when the register already knows the tenant
 * has skyddad folkbokföring or sekretessmarkering, the notice's address goes to
 * Bokvar's table `skyddade_adresser` and the case starts without it (with
 * `adressSkyddad`), so it never reaches the engine's variables or history.
 */
export function kallreferens(slag: string, innehall: unknown): string {
  return `${slag}:${createHash('sha256').update(canonicalJson(innehall)).digest('hex')}`;
}

export function fristerForUnderrattelse(u: Underrattelse): Record<string, string> {
  const { paminnelse, eskalering } = forhandsbedomningVuxen({ mottagen: u.mottagen });
  const frister: Record<string, string> = {
    forhandsbedomningPaminnelse: paminnelse.senast,
    forhandsbedomningEskalering: eskalering.senast,
  };
  // Only a termination for unpaid rent gives an återvinningsfrist (12 kap. 44 § JB), whatever
  // dates a notice on another ground carries.
  if (u.orsak === 'obetald-hyra' && u.uppsagning?.delgivningsdatum) {
    const frist = atervinningsfrist({ delgivningsdatum: u.uppsagning.delgivningsdatum, mottagenSocialnamnden: u.mottagen });
    frister.atervinningsfrist = frist.sistaDag ?? frist.senast;
  }
  return frister;
}

export function fristerForKronofogden(k: KronofogdeMeddelande): Record<string, string> {
  const { bekraftelse } = bekraftelseKronofogden({ mottagen: k.mottagen });
  return { bekraftelseSenast: bekraftelse.senast, avhysningsdatum: k.avhysningsdatum };
}

export function variablerForUnderrattelse(u: Underrattelse, frister = fristerForUnderrattelse(u)): Record<string, PlainValue> {
  const barn = u.barn ?? [];
  return {
    kalla: u.kalla,
    orsak: u.orsak,
    mottagen: u.mottagen,
    hyresgast: u.hyresgast,
    adress: u.adress,
    hyresvard: u.hyresvard,
    // Absent, not null: Tasklist sends a form's object value with the type of the variable it finds, and the
    // engine refuses an address typed Null, so "Besluta om åtagande" could not be submitted with one.
    ...(u.hyresvardAdress ? { hyresvardAdress: u.hyresvardAdress } : {}),
    delgivningsdatum: u.uppsagning?.delgivningsdatum ?? null,
    hyresskuld: u.uppsagning?.hyresskuld ?? null,
    barnEnligtAnmalan: barn.length > 0,
    ...(barn.length > 0 ? { barnEnligtAnmalanAntal: barn.length } : {}),
    beskrivning: u.beskrivning ?? null,
    ...listvariabler(u.hyresgast, frister),
  };
}

/**
 * What Tasklist's lists and the case linking need as plain variables:
 * the personnummer (lanka-arenden finds the tenant's other open cases by it),
 * the tenant's initials (the lists never show the personnummer) and the next
 * legal deadline's day.
 */
function listvariabler(hyresgast: { personnummer: string; namn: string }, frister: Record<string, string>): Record<string, PlainValue> {
  const initialer = hyresgast.namn
    .split(/\s+/)
    .filter(Boolean)
    .map((del) => `${del[0]!.toLocaleUpperCase('sv-SE')}.`)
    .join('');
  const dagar = Object.values(frister)
    .map((v) => svenskTidpunkt(v).toISODate())
    .filter((d): d is string => d !== null)
    .sort();
  return { hyresgastPersonnummer: hyresgast.personnummer, hyresgastInitialer: initialer, nastaFrist: dagar[0] ?? null };
}

export function variablerForKronofogden(k: KronofogdeMeddelande, frister = fristerForKronofogden(k)): Record<string, PlainValue> {
  return {
    kalla: 'kronofogden',
    mottagen: k.mottagen,
    malnummer: k.malnummer,
    avhysningsdatum: k.avhysningsdatum,
    hyresgast: k.hyresgast,
    adress: k.adress,
    hyresvard: k.hyresvard ?? null,
    ...listvariabler(k.hyresgast, frister),
  };
}

export async function registreraUnderrattelse(db: Knex, engine: Engine, u: Underrattelse, av: string): Promise<Registrerat> {
  const barn = (u.barn ?? []).length > 0;
  const frister = fristerForUnderrattelse(u);
  return startaArende(db, engine, av, {
    processKey: 'hot-om-avhysning',
    meddelande: PROCESSER['hot-om-avhysning'].startmeddelande,
    kallreferens: kallreferens('underrattelse', u),
    mottagen: u.mottagen,
    enheter: enheterForUnderrattelse(u.orsak, barn),
    personnummer: u.hyresgast.personnummer,
    barn,
    adress: u.adress,
    adresskalla: 'underrattelse',
    variabler: variablerForUnderrattelse(u, frister),
    frister,
  });
}

export async function registreraKronofogden(db: Knex, engine: Engine, k: KronofogdeMeddelande, av: string): Promise<Registrerat> {
  const frister = fristerForKronofogden(k);
  return startaArende(db, engine, av, {
    processKey: 'kronofogden-avhysning',
    meddelande: PROCESSER['kronofogden-avhysning'].startmeddelande,
    // Kronofogden's case number identifies the eviction; the same målnummer and date is the same notice.
    kallreferens: kallreferens('kronofogden', k),
    mottagen: k.mottagen,
    enheter: [...PROCESSER['kronofogden-avhysning'].enheter],
    personnummer: k.hyresgast.personnummer,
    barn: false,
    adress: k.adress,
    adresskalla: 'kronofogden',
    variabler: variablerForKronofogden(k, frister),
    frister,
  });
}
