import type { Personnummer } from '../../domain/personnummer.ts';

/**
 * Where a person is already known (aktuell): the units of the municipality's
 * social services and of the neighbouring administrations. The handbook
 * (checklists, step 3) treats them differently: units of the own administration
 * are consulted directly (internal coordination); another administration may be
 * contacted only after the tenant has consented.
 */
export const EGEN_FORVALTNING = 'socialtjanst';

/** Each unit and the administration it belongs to. */
export const ENHETER = {
  vuxen: 'socialtjanst',
  'barn-och-unga': 'socialtjanst',
  'ekonomiskt-bistand': 'socialtjanst',
  funktionsstod: 'funktionsstod',
  aldre: 'aldre',
  /** The handbook's "etableringsenheten SF Centrum" (newly arrived): outside the own administration. */
  etableringsenheten: 'etableringsenheten',
} as const;

export type Enhet = keyof typeof ENHETER;
export type Forvaltning = (typeof ENHETER)[Enhet];
export const ENHETSKODER = Object.keys(ENHETER) as Enhet[];
export const FORVALTNINGAR = [...new Set(Object.values(ENHETER))] as Forvaltning[];

export interface Aktualitet {
  enhet: Enhet;
  forvaltning: Forvaltning;
  /** The unit's own name in the case system ("Vuxen Centrum"), if the extract gives one. */
  enhetsnamn?: string;
  /** ÅÅÅÅ-MM-DD */
  sedan: string;
  /** ÅÅÅÅ-MM-DD: the last day, when the matter is closed. */
  till?: string;
}

export interface Aktualitetsregister {
  /** The units where the person is aktuell on the given day (ÅÅÅÅ-MM-DD); empty when known nowhere. */
  aktuellaEnheter(personnummer: Personnummer, pa: string): Promise<Aktualitet[]>;
}
