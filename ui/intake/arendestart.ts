import type { Knex } from 'knex';
import { EngineRestError, EngineUnreachableError } from '../../engine-rest/client.ts';
import type { PlainValue } from '../../engine-rest/variables.ts';
import type { Adress } from '../../domain/arendevariabler.ts';
import type { Enhet } from '../../domain/enheter.ts';
import type { ProcessKey } from '../../domain/processer.ts';
import {
  ADRESS_SKYDDAD,
  SKYDDADE_ADRESSER,
  skyddadEnligtRegistret,
  sparaSkyddadAdress,
  type Adresskalla,
} from '../../domain/skyddad-adress.ts';
import { otillganglig, otillgangligProblem, Problem } from '../api/problem.ts';
import type { Engine } from '../engine/engine.ts';

/**
 * The intake's write path: a case row, its number and the engine's
 * start either all happen, or the caller gets an error and nothing is left
 * that could start a second case.
 *
 * 1. The row is inserted with a start lease (`start_las_till`); its unique
 *    source reference serialises concurrent repeats of one notice.
 * 2. The start message goes to the engine, with the case number as business key.
 * 3. The instance id is stored in the row.
 *
 * When step 2 surely did not happen (the engine refused it or was not reached)
 * the row is removed, so a repeat starts cleanly. When it may have happened
 * (the connection broke after the request went out) or step 3 failed, the row
 * stays without instance, and the caller is told so: a repeat of the same
 * notice, once the lease has run out, asks the engine for the business key and
 * links the case it finds or starts it. Rows nobody repeats are settled the
 * same way by `avslutaOfullbordadeStarter`, which the UI runs every half minute.
 */
export const STARTLAS_SEKUNDER = 90;
/** After a broken connection the start is not under way any more; a repeat may look soon. */
const OKLAR_START_LAS_SEKUNDER = 10;

export interface Registrerat {
  nytt: boolean;
  svar: { arendenummer: string; processInstanceId: string; frister: Record<string, string> };
}

export interface Arende {
  processKey: ProcessKey;
  meddelande: string;
  kallreferens: string;
  mottagen: string;
  enheter: Enhet[];
  personnummer: string;
  barn: boolean;
  /** The tenancy's address from the notice; also in `variabler` unless the tenant is protected. */
  adress: Adress;
  adresskalla: Adresskalla;
  variabler: Record<string, PlainValue>;
  frister: Record<string, string>;
}

interface Rad {
  arendenummer: string;
  process_instance_id: string | null;
}

export async function startaArende(db: Knex, engine: Engine, av: string, a: Arende): Promise<Registrerat> {
  const svar = (arendenummer: string, processInstanceId: string) => ({ arendenummer, processInstanceId, frister: a.frister });
  const befintlig = await db('arenden').where({ kallreferens: a.kallreferens }).first<Rad | undefined>();
  if (befintlig?.process_instance_id) return { nytt: false, svar: svar(befintlig.arendenummer, befintlig.process_instance_id) };

  let arendenummer: string;
  if (!befintlig) {
    const ar = new Date().getUTCFullYear();
    const inserted = await db.raw<{ rows: { arendenummer: string }[] }>(
      `INSERT INTO arenden (arendenummer, process_key, kallreferens, mottagen, enheter, personnummer, barn, registrerad_av, start_las_till)
       VALUES ('BV-' || ? || '-' || lpad(nextval('arende_lopnummer')::text, 6, '0'), ?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))
       ON CONFLICT (kallreferens) DO NOTHING
       RETURNING arendenummer`,
      [ar, a.processKey, a.kallreferens, a.mottagen, a.enheter, a.personnummer, a.barn, av, STARTLAS_SEKUNDER],
    );
    if (!inserted.rows[0]) throw registrerasRedan();
    arendenummer = inserted.rows[0].arendenummer;
  } else {
    // A row without instance: a start under way (its lease runs), or one that broke off.
    if (!(await taLas(db, befintlig.arendenummer))) throw registrerasRedan();
    arendenummer = befintlig.arendenummer;
    const instans = await fragaMedLas(db, arendenummer, () => startadInstans(engine, arendenummer, a.processKey));
    if (instans) {
      await koppla(db, arendenummer, instans);
      return { nytt: false, svar: svar(arendenummer, instans) };
    }
  }

  // Stored before the start: the folkbokföring check, seconds later, reads the household's address from here.
  const skyddad = await skyddadVidIntaget(db, a.personnummer);
  if (skyddad) await sparaSkyddadAdress(db, { arendenummer, adress: a.adress, kalla: a.adresskalla });
  const variabler = skyddad ? { ...utanAdress(a.variabler), [ADRESS_SKYDDAD]: true } : a.variabler;
  let processInstanceId: string;
  try {
    processInstanceId = await engine.correlate(a.meddelande, arendenummer, { ...variabler, arendenummer });
  } catch (error) {
    if (error instanceof EngineUnreachableError && error.reached) {
      await kortaLas(db, arendenummer);
      throw oklarStart(arendenummer);
    }
    await aterstall(db, arendenummer);
    throw startfel(error, a.meddelande);
  }
  try {
    await koppla(db, arendenummer, processInstanceId);
  } catch (error) {
    // The case runs; its row learns the instance from the next repeat or the clean-up.
    // The lease is shortened (when the database takes it) so that the repeat soon may look.
    if (otillganglig(error)) {
      await kortaLas(db, arendenummer);
      throw oklarStart(arendenummer);
    }
    throw error;
  }
  return { nytt: true, svar: svar(arendenummer, processInstanceId) };
}

/** Runs `avslutaOfullbordadeStarter` every half minute; returns the stop. */
export function schemalaggOfullbordadeStarter(
  db: Knex,
  engine: Engine,
  log: { info: (o: object, m: string) => void; warn: (o: object, m: string) => void },
): () => void {
  let pagar = false;
  const timer = setInterval(() => {
    if (pagar) return;
    pagar = true;
    avslutaOfullbordadeStarter(db, engine)
      .then((utfall) => {
        if (utfall.kopplade + utfall.aterstallda > 0) log.info(utfall, 'broken-off case starts settled');
      })
      .catch((error: unknown) =>
        log.warn({ err: error instanceof Error ? error.message : String(error) }, 'broken-off case starts: will try again'),
      )
      .finally(() => (pagar = false));
  }, 30_000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Settles starts that broke off and were not repeated: each row without
 * instance whose lease ran out is linked to the case the engine runs under its
 * number, or removed when the engine has none. Returns what it did, for the log.
 */
export async function avslutaOfullbordadeStarter(db: Knex, engine: Engine): Promise<{ kopplade: number; aterstallda: number }> {
  const rader = await db('arenden')
    .whereNull('process_instance_id')
    .where((q) => q.whereNull('start_las_till').orWhere('start_las_till', '<', db.fn.now()))
    .orderBy('skapad')
    .limit(100)
    .select<{ arendenummer: string; process_key: string }[]>('arendenummer', 'process_key');
  const utfall = { kopplade: 0, aterstallda: 0 };
  for (const { arendenummer, process_key } of rader) {
    if (!(await taLas(db, arendenummer))) continue;
    const instans = await fragaMedLas(db, arendenummer, () => startadInstans(engine, arendenummer, process_key));
    if (instans) {
      await koppla(db, arendenummer, instans);
      utfall.kopplade += 1;
    } else {
      await aterstall(db, arendenummer);
      utfall.aterstallda += 1;
    }
  }
  return utfall;
}

/** A start that is not under way any more: a repeat may look for its case after a short wait. Best effort. */
async function kortaLas(db: Knex, arendenummer: string): Promise<void> {
  await db('arenden')
    .where({ arendenummer })
    .whereNull('process_instance_id')
    .update({ start_las_till: db.raw('now() + make_interval(secs => ?)', [OKLAR_START_LAS_SEKUNDER]) })
    .catch(() => undefined);
}

/** Takes the start of a row without instance whose lease has run out; false when someone else holds it. */
async function taLas(db: Knex, arendenummer: string): Promise<boolean> {
  const tagna = await db('arenden')
    .where({ arendenummer })
    .whereNull('process_instance_id')
    .where((q) => q.whereNull('start_las_till').orWhere('start_las_till', '<', db.fn.now()))
    .update({ start_las_till: db.raw('now() + make_interval(secs => ?)', [STARTLAS_SEKUNDER]) });
  return tagna === 1;
}

/**
 * Asks the engine while holding a row's lease; when the engine cannot answer
 * the lease is given back at once, so that the sender's next repeat is not
 * told "under way" for a start nobody is making.
 */
async function fragaMedLas<T>(db: Knex, arendenummer: string, fraga: () => Promise<T>): Promise<T> {
  try {
    return await fraga();
  } catch (error) {
    await db('arenden')
      .where({ arendenummer })
      .whereNull('process_instance_id')
      .update({ start_las_till: db.fn.now() })
      .catch(() => undefined);
    throw error;
  }
}

/** The case's own instance (its called processes carry the same business key). */
async function startadInstans(engine: Engine, arendenummer: string, processKey: string): Promise<string | undefined> {
  const instanser = await engine.runtime.processInstances({ businessKey: arendenummer, processDefinitionKey: processKey });
  return instanser[0]?.id;
}

async function koppla(db: Knex, arendenummer: string, processInstanceId: string): Promise<void> {
  await db('arenden').where({ arendenummer }).update({ process_instance_id: processInstanceId, start_las_till: null });
}

async function aterstall(db: Knex, arendenummer: string): Promise<void> {
  await db.transaction(async (trx) => {
    const borttagna = await trx('arenden').where({ arendenummer }).whereNull('process_instance_id').delete();
    if (borttagna > 0) await trx(SKYDDADE_ADRESSER).where({ arendenummer }).delete();
  });
}

function registrerasRedan(): Problem {
  return new Problem(
    409,
    'Underrättelsen registreras redan',
    'Samma underrättelse registreras just nu. Skicka den igen om en minut: svaret visar då ärendet.',
    undefined,
    60,
  );
}

function oklarStart(arendenummer: string): Problem {
  return otillgangligProblem(
    'motorn',
    `Svaret från processmotorn kom inte fram, så det är oklart om ärende ${arendenummer} hann starta. Skicka samma underrättelse igen om en minut: svaret visar ärendet, och inget ärende startas två gånger.`,
  );
}

function startfel(error: unknown, meddelande: string): Problem | unknown {
  const borta = otillganglig(error);
  if (borta) return otillgangligProblem(borta, 'Inget ärende har startats. Försök igen om en stund.');
  if (error instanceof EngineRestError && error.status === 400 && /Cannot correlate message/i.test(error.message)) {
    // No deployed process starts with this message: the operators' to fix, not the sender's.
    return new Problem(
      503,
      'Processen kan inte ta emot ärendet',
      `Processmotorn har ingen process som startar med ${meddelande}. Inget ärende har startats.`,
    );
  }
  return error;
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

function utanAdress(variabler: Record<string, PlainValue>): Record<string, PlainValue> {
  const { adress: _adress, ...ovriga } = variabler;
  return ovriga;
}
