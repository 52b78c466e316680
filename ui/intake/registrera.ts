import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { atervinningsfrist, bekraftelseKronofogden, forhandsbedomningVuxen } from '../../frister/index.ts';
import type { Adress } from '../../domain/arendevariabler.ts';
import { ADRESS_SKYDDAD, SKYDDADE_ADRESSER, skyddadEnligtRegistret, sparaSkyddadAdress, type Adresskalla } from '../../domain/skyddad-adress.ts';
import { Problem } from '../api/problem.ts';
import { ENHETER_KRONOFOGDEN, enheterForUnderrattelse } from '../auth/roller.ts';
import { arMotorfel, type Motor, type Varde } from '../engine/motor.ts';
import type { KronofogdeMeddelande, Underrattelse } from './schemas.ts';

/**
 * Registers a notice: a row in the case register, then the start message to
 * the engine. The source reference (a hash of the normalised content) makes a
 * notice sent twice land on the same case. Order: insert the row (its unique
 * kallreferens serialises concurrent repeats), correlate, store the instance
 * id. When the engine fails the row is removed, so a retry starts cleanly; a
 * row left without an instance id (the UI stopped midway) is completed by the
 * next repeat, which first asks the engine whether the case already runs.
 *
 * Protected identity (issue 15): when the register already knows the tenant
 * has skyddad folkbokföring or sekretessmarkering, the notice's address goes to
 * Bokvar's table `skyddade_adresser` and the case starts without it (with
 * `adressSkyddad`), so it never reaches the engine's variables or history.
 */
export const MEDDELANDE_UNDERRATTELSE = 'underrattelse-hot-om-avhysning';
export const MEDDELANDE_KRONOFOGDEN = 'kronofogden-meddelande';

export interface Registrerat {
  nytt: boolean;
  svar: { arendenummer: string; processInstanceId: string; frister: Record<string, string> };
}

export function kallreferens(slag: string, innehall: unknown): string {
  return `${slag}:${createHash('sha256').update(stabilJson(innehall)).digest('hex')}`;
}

function stabilJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stabilJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stabilJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
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

export function variablerForUnderrattelse(u: Underrattelse, frister = fristerForUnderrattelse(u)): Record<string, Varde> {
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
function listvariabler(hyresgast: { personnummer: string; namn: string }, frister: Record<string, string>): Record<string, Varde> {
  const initialer = hyresgast.namn
    .split(/\s+/)
    .filter(Boolean)
    .map((del) => `${del[0]!.toLocaleUpperCase('sv-SE')}.`)
    .join('');
  const dagar = Object.values(frister)
    .map((v) => DateTime.fromISO(v, { setZone: true }).setZone('Europe/Stockholm').toISODate())
    .filter((d): d is string => d !== null)
    .sort();
  return { hyresgastPersonnummer: hyresgast.personnummer, hyresgastInitialer: initialer, nastaFrist: dagar[0] ?? null };
}

export function variablerForKronofogden(k: KronofogdeMeddelande, frister = fristerForKronofogden(k)): Record<string, Varde> {
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

interface Arende {
  processKey: string;
  meddelande: string;
  kallreferens: string;
  mottagen: string;
  enheter: string[];
  personnummer: string;
  barn: boolean;
  /** The tenancy's address from the notice; also in `variabler` unless the tenant is protected. */
  adress: Adress;
  adresskalla: Adresskalla;
  variabler: Record<string, Varde>;
  frister: Record<string, string>;
}

export async function registreraUnderrattelse(db: Knex, motor: Motor, u: Underrattelse, av: string): Promise<Registrerat> {
  const barn = (u.barn ?? []).length > 0;
  const frister = fristerForUnderrattelse(u);
  return registrera(db, motor, av, {
    processKey: 'hot-om-avhysning',
    meddelande: MEDDELANDE_UNDERRATTELSE,
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

export async function registreraKronofogden(db: Knex, motor: Motor, k: KronofogdeMeddelande, av: string): Promise<Registrerat> {
  const frister = fristerForKronofogden(k);
  return registrera(db, motor, av, {
    processKey: 'kronofogden-avhysning',
    meddelande: MEDDELANDE_KRONOFOGDEN,
    // Kronofogden's case number identifies the eviction; the same målnummer and date is the same notice.
    kallreferens: kallreferens('kronofogden', k),
    mottagen: k.mottagen,
    enheter: ENHETER_KRONOFOGDEN,
    personnummer: k.hyresgast.personnummer,
    barn: false,
    adress: k.adress,
    adresskalla: 'kronofogden',
    variabler: variablerForKronofogden(k, frister),
    frister,
  });
}

async function registrera(db: Knex, motor: Motor, av: string, a: Arende): Promise<Registrerat> {
  const befintlig = await db('arenden').where({ kallreferens: a.kallreferens }).first<{ arendenummer: string; process_instance_id: string | null } | undefined>();
  if (befintlig?.process_instance_id) {
    return { nytt: false, svar: { arendenummer: befintlig.arendenummer, processInstanceId: befintlig.process_instance_id, frister: a.frister } };
  }
  let arendenummer = befintlig?.arendenummer;
  if (!arendenummer) {
    const ar = new Date().getUTCFullYear();
    const inserted = await db.raw<{ rows: { arendenummer: string }[] }>(
      `INSERT INTO arenden (arendenummer, process_key, kallreferens, mottagen, enheter, personnummer, barn, registrerad_av)
       VALUES ('BV-' || ? || '-' || lpad(nextval('arende_lopnummer')::text, 6, '0'), ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (kallreferens) DO NOTHING
       RETURNING arendenummer`,
      [ar, a.processKey, a.kallreferens, a.mottagen, a.enheter, a.personnummer, a.barn, av],
    );
    arendenummer = inserted.rows[0]?.arendenummer;
    if (!arendenummer) {
      // A concurrent repeat won the insert; it answers for the case.
      throw new Problem(409, 'Underrättelsen registreras redan', 'Samma underrättelse registreras just nu; försök igen om en stund.');
    }
  } else {
    // A row without instance: did the engine start the case before we stopped?
    const [instans] = await motor.instanserMedAffarsnyckel(arendenummer);
    if (instans) {
      await db('arenden').where({ arendenummer }).update({ process_instance_id: instans.id });
      return { nytt: false, svar: { arendenummer, processInstanceId: instans.id, frister: a.frister } };
    }
  }
  // Stored before the start: the folkbokföring check, seconds later, reads the household's address from here.
  const skyddad = await skyddadVidIntaget(db, a.personnummer);
  if (skyddad) await sparaSkyddadAdress(db, { arendenummer, adress: a.adress, kalla: a.adresskalla });
  const variabler = skyddad ? { ...utanAdress(a.variabler), [ADRESS_SKYDDAD]: true } : a.variabler;
  let processInstanceId: string;
  try {
    processInstanceId = await motor.korrelera(a.meddelande, arendenummer, { ...variabler, arendenummer });
  } catch (error) {
    const borttagna = await db('arenden').where({ arendenummer }).whereNull('process_instance_id').delete();
    if (borttagna > 0) await db(SKYDDADE_ADRESSER).where({ arendenummer }).delete();
    if (arMotorfel(error) && error.status === 400) {
      throw new Problem(503, 'Processen kan inte ta emot ärendet', `Processmotorn har ingen process som startar med ${a.meddelande}.`);
    }
    throw new Problem(503, 'Processmotorn svarar inte', 'Inget ärende har startats. Försök igen.');
  }
  await db('arenden').where({ arendenummer }).update({ process_instance_id: processInstanceId });
  return { nytt: true, svar: { arendenummer, processInstanceId, frister: a.frister } };
}

/**
 * Does the register already know the tenant as protected? A register that
 * cannot be read does not stop the notice (the legal clocks run from its
 * receipt): the case starts as for anyone, and the folkbokföring worker moves
 * the address out of the engine when it learns of the protection.
 */
async function skyddadVidIntaget(db: Knex, personnummer: string): Promise<boolean> {
  try {
    return (await skyddadEnligtRegistret(db, personnummer)) === true;
  } catch {
    return false;
  }
}

function utanAdress(variabler: Record<string, Varde>): Record<string, Varde> {
  const { adress: _adress, ...ovriga } = variabler;
  return ovriga;
}
