import type { Knex } from 'knex';
import type { Adress } from './arendevariabler.ts';

/**
 * Protected identity (skyddad folkbokföring or sekretessmarkering) and the
 * address Bokvar keeps out of the engine for it. Shared by the intake (ui/),
 * which asks the register before it starts a case, and the folkbokföring
 * worker (workers/), which moves an address the engine already holds; the two
 * must decide "protected" by the same rule and store the address the same way.
 */

/** The population register's table (migrations/20261125_002_folkbokforing.ts). */
export const FOLKBOKFORING_TABELL = 'folkbokforing_personer';
export const SKYDDADE_ADRESSER = 'skyddade_adresser';

/** Where the address came from: a notice of threat of eviction, or Kronofogden's notice. */
export type Adresskalla = 'underrattelse' | 'kronofogden';

/**
 * The engine variable that says the case's address is held by Bokvar, not the
 * engine. The models and workers may branch on it; the address itself is `adress`
 * only for cases where this is absent.
 */
export const ADRESS_SKYDDAD = 'adressSkyddad';

/** Either marking means the address never leaves Bokvar's own tables. */
export function arSkyddadIdentitet(p: { sekretessmarkering: boolean; skyddadFolkbokforing: boolean }): boolean {
  return p.sekretessmarkering || p.skyddadFolkbokforing;
}

/** What the register says about the person: protected or not; undefined when it has no such person. */
export async function skyddadEnligtRegistret(db: Knex, personnummer: string): Promise<boolean | undefined> {
  const rad = await db(FOLKBOKFORING_TABELL)
    .where({ personnummer })
    .first<{ sekretessmarkering: boolean; skyddad_folkbokforing: boolean } | undefined>('sekretessmarkering', 'skyddad_folkbokforing');
  return rad
    ? arSkyddadIdentitet({ sekretessmarkering: rad.sekretessmarkering, skyddadFolkbokforing: rad.skyddad_folkbokforing })
    : undefined;
}

/** Stores the case's address; the first one stored stays (a repeated delivery changes nothing). */
export async function sparaSkyddadAdress(db: Knex, rad: { arendenummer: string; adress: Adress; kalla: Adresskalla }): Promise<void> {
  await db(SKYDDADE_ADRESSER)
    .insert({ arendenummer: rad.arendenummer, adress: JSON.stringify(rad.adress), kalla: rad.kalla })
    .onConflict('arendenummer')
    .ignore();
}

export async function lasSkyddadAdress(db: Knex, arendenummer: string): Promise<{ adress: Adress; kalla: Adresskalla } | undefined> {
  const rad = await db(SKYDDADE_ADRESSER)
    .where({ arendenummer })
    .first<{ adress: Adress; kalla: Adresskalla } | undefined>('adress', 'kalla');
  return rad ? { adress: rad.adress, kalla: rad.kalla } : undefined;
}
