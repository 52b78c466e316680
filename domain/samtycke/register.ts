import type { Knex } from 'knex';
import { postgresMessage } from '../database-error.ts';
import type { Personnummer } from '../personnummer.ts';
import { bedom, paverkade, type Aterkallelse, type Bedomning, type Fraga, type Samtycke, type Samtyckesform } from './giltighet.ts';
import type { Mottagare } from './mottagare.ts';
import type { Syfte } from './syften.ts';

/**
 * The consent register in Bokvar's PostgreSQL: functions that take the database
 * as an argument; the rule for validity is in giltighet.ts. The register is only
 * ever added to (the database refuses UPDATE and DELETE; see the migration).
 */

/** A consent to register: what the rule reads, whose it is, and where it was recorded (the task, for idempotency). */
export interface NyttSamtycke extends Omit<Samtycke, 'id' | 'skapad'> {
  personnummer: Personnummer;
  processInstanceId: string | null;
  idempotensnyckel: string;
}

/** A revocation to register: what the rule reads, whose it is, who recorded it, why, and where. */
export interface NyAterkallelse extends Omit<Aterkallelse, 'id'> {
  personnummer: Personnummer;
  dokumenteratAv: string;
  skal: string | null;
  arendenummer: string | null;
  processInstanceId: string | null;
  idempotensnyckel: string;
}

export interface Personregister {
  samtycken: Samtycke[];
  aterkallelser: Aterkallelse[];
}

/** Registers a consent; the same idempotency key again gives the one registered first. */
export async function registreraSamtycke(db: Knex, nytt: NyttSamtycke): Promise<{ id: string; nytt: boolean }> {
  return databas('registrera samtycket', async () => {
    const [ny] = await db('samtycken')
      .insert({
        personnummer: nytt.personnummer,
        mottagare: nytt.mottagare,
        syften: nytt.syften,
        form: nytt.form,
        lamnat: nytt.lamnat,
        giltigt_till: nytt.giltigtTill,
        anteckning: nytt.anteckning,
        dokumenterat_av: nytt.dokumenteratAv,
        arendenummer: nytt.arendenummer,
        process_instance_id: nytt.processInstanceId,
        idempotensnyckel: nytt.idempotensnyckel,
      })
      .onConflict('idempotensnyckel')
      .ignore()
      .returning<{ id: string }[]>('id');
    if (ny) return { id: ny.id, nytt: true };
    const { id } = await db('samtycken').where({ idempotensnyckel: nytt.idempotensnyckel }).first<{ id: string }>('id');
    return { id, nytt: false };
  });
}

/**
 * Registers a revocation. Answers with the consents it made invalid for at
 * least one (recipient, purpose) when it was given. The same idempotency key
 * again gives the one registered first, and the same answer.
 */
export async function registreraAterkallelse(db: Knex, ny: NyAterkallelse): Promise<{ id: string; nytt: boolean; paverkade: string[] }> {
  return databas('registrera återkallelsen', async () => {
    const [rad] = await db('samtycke_aterkallelser')
      .insert({
        personnummer: ny.personnummer,
        samtycke_id: ny.samtyckeId,
        mottagare: ny.mottagare,
        syften: ny.syften,
        aterkallat: ny.aterkallat,
        dokumenterat_av: ny.dokumenteratAv,
        skal: ny.skal,
        arendenummer: ny.arendenummer,
        process_instance_id: ny.processInstanceId,
        idempotensnyckel: ny.idempotensnyckel,
      })
      .onConflict('idempotensnyckel')
      .ignore()
      .returning<{ id: string }[]>('id');
    const id = rad
      ? rad.id
      : (await db('samtycke_aterkallelser').where({ idempotensnyckel: ny.idempotensnyckel }).first<{ id: string }>('id')).id;
    const register = await lasPerson(db, ny.personnummer);
    const denna = register.aterkallelser.find((a) => a.id === id);
    if (!denna) throw new Error(`Återkallelsen ${id} hittades inte efter registreringen`);
    const tidigare = register.aterkallelser.filter((a) => a.id !== id);
    return { id, nytt: rad !== undefined, paverkade: paverkade(register.samtycken, tidigare, denna).map((s) => s.id) };
  });
}

/** Is there a valid consent for the person, the recipient and the purpose at the moment (normally now)? */
export async function kontrollera(db: Knex, personnummer: Personnummer, fraga: Fraga): Promise<Bedomning> {
  return databas('läsa samtyckesregistret', async () => {
    const register = await lasPerson(db, personnummer);
    return bedom(register.samtycken, register.aterkallelser, fraga);
  });
}

/** One consent, if it exists and is the person's. */
export async function hamtaSamtycke(db: Knex, personnummer: Personnummer, id: string): Promise<Samtycke | undefined> {
  return databas('läsa samtyckesregistret', async () => {
    const rad = await db('samtycken').where({ id, personnummer }).first<SamtyckeRad | undefined>(SAMTYCKE_KOLUMNER);
    return rad && samtyckeFranRad(rad);
  });
}

/** Every consent and revocation of one person. The consents are read first: a revocation that comes in between is then seen. */
export async function lasPerson(db: Knex, personnummer: Personnummer): Promise<Personregister> {
  const samtycken = await db('samtycken').where({ personnummer }).select<SamtyckeRad[]>(SAMTYCKE_KOLUMNER);
  const aterkallelser = await db('samtycke_aterkallelser')
    .where({ personnummer })
    .select<AterkallelseRad[]>('id', 'samtycke_id', 'mottagare', 'syften', 'aterkallat');
  return {
    samtycken: samtycken.map(samtyckeFranRad),
    aterkallelser: aterkallelser.map(aterkallelseFranRad),
  };
}

const SAMTYCKE_KOLUMNER = [
  'id',
  'mottagare',
  'syften',
  'form',
  'lamnat',
  'giltigt_till',
  'anteckning',
  'dokumenterat_av',
  'arendenummer',
  'skapad',
];

/** A row of `samtycken` as the register reads it. */
export interface SamtyckeRad {
  id: string;
  mottagare: Mottagare[];
  syften: Syfte[];
  form: Samtyckesform;
  lamnat: Date;
  giltigt_till: Date | null;
  anteckning: string | null;
  dokumenterat_av: string;
  arendenummer: string | null;
  skapad: Date;
}

/** A row of `samtycke_aterkallelser` as the register reads it. */
export interface AterkallelseRad {
  id: string;
  samtycke_id: string | null;
  mottagare: Mottagare[] | null;
  syften: Syfte[] | null;
  aterkallat: Date;
}

export function samtyckeFranRad(r: SamtyckeRad): Samtycke {
  return {
    id: r.id,
    mottagare: r.mottagare,
    syften: r.syften,
    form: r.form,
    lamnat: r.lamnat,
    giltigtTill: r.giltigt_till,
    anteckning: r.anteckning,
    dokumenteratAv: r.dokumenterat_av,
    arendenummer: r.arendenummer,
    skapad: r.skapad,
  };
}

export function aterkallelseFranRad(r: AterkallelseRad): Aterkallelse {
  return { id: r.id, samtyckeId: r.samtycke_id, mottagare: r.mottagare, syften: r.syften, aterkallat: r.aterkallat };
}

export class SamtyckesregisterError extends Error {
  override name = 'SamtyckesregisterError';
}

/** A database error becomes a readable technical failure, naming what could not be done. */
async function databas<T>(vad: string, arbete: () => Promise<T>): Promise<T> {
  try {
    return await arbete();
  } catch (error) {
    if (error instanceof SamtyckesregisterError) throw error;
    throw new SamtyckesregisterError(`Samtyckesregistret: kunde inte ${vad} (${postgresMessage(error)})`, { cause: error });
  }
}
