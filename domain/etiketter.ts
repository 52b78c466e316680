import type { Kalla, Orsak } from './arendevariabler.ts';
import type { Barnkalla } from './barnkallor.ts';
import type { Brevtyp, Kanal, Mottagarroll } from './brevtyper.ts';
import type { Enhet } from './enheter.ts';

/**
 * The Swedish names of the ids that more than one part of Bokvar shows: on
 * pages, in documents, in letters and in the engine's groups. Each map is
 * keyed by its id type, so a new id without a name is a type error here.
 *
 * A checklist's names are in the process catalogue (./processer.ts), beside
 * its key and start message. Names that only one module shows stay with it
 * (the read log's channels, the timeline's event kinds).
 */

export const BREVTYPNAMN: Record<Brevtyp, string> = {
  informationsbrev: 'Informationsbrev',
  hembesok: 'Brev om hembesök',
  'bekraftelse-kronofogden': 'Bekräftelse till Kronofogden',
  'atagande-betalningsansvar': 'Åtagande om betalningsansvar',
  'erbjudande-uppfoljning': 'Erbjudande om uppföljning',
};

/** In running text: "Informationsbrev till hyresgästen", "Kopia till hyresvärden". */
export const MOTTAGARNAMN: Record<Mottagarroll, string> = {
  hyresgast: 'hyresgästen',
  hyresvard: 'hyresvärden',
  kronofogden: 'Kronofogdemyndigheten',
};

/** How a letter leaves, in running text. */
export const BREVKANALNAMN: Record<Kanal, string> = {
  post: 'post',
  rekommenderat: 'rekommenderat brev',
  'epost-myndighet': 'e-post till myndighet',
  'sarskild-postformedling': 'särskild postförmedling (Skatteverket)',
};

export const KALLNAMN: Record<Kalla, string> = {
  hyresvard: 'Hyresvärd',
  storningsjour: 'Störningsjour',
  'annan-forvaltning': 'Annan förvaltning',
  anhorig: 'Anhörig',
  privatperson: 'Privatperson',
  annan: 'Annan',
};

export const ORSAKNAMN: Record<Orsak, string> = {
  'obetald-hyra': 'Obetald hyra',
  storningar: 'Störningar',
  vanvard: 'Vanvård',
  annat: 'Annat',
};

/** The engine's group names (scripts/identity.ts creates the groups with them). */
export const ENHETSNAMN: Record<Enhet, string> = {
  vuxenenheten: 'Vuxenenheten',
  'barn-och-unga': 'Barn och unga',
  'ekonomiskt-bistand': 'Ekonomiskt bistånd',
  // Vuxenenheten has the coordinating role (handbook, "Vuxenheterna"); escalations go here.
  samordnare: 'Samordnare (vuxenenheten)',
};

/** In running text: "Källa: folkbokföringen (barn folkbokförda på adressen)". */
export const BARNKALLANAMN: Record<Barnkalla, string> = {
  anmalan: 'anmälan (underrättelsen nämner barn)',
  folkbokforing: 'folkbokföringen (barn folkbokförda på adressen)',
  hyresvard: 'hyresvärden',
  handlaggare: 'handläggaren (barn i hushållet)',
};

/** A case's state: its checklist instance runs, has ended, or is stopped by an incident. */
export type Arendestatus = 'pagaende' | 'avslutat' | 'incident';

export const STATUSNAMN: Record<Arendestatus, string> = {
  pagaende: 'Pågående',
  avslutat: 'Avslutat',
  incident: 'Tekniskt fel (incident)',
};

/** The name of an id read from the engine or the database; undefined when it has none (an old or unknown id). */
export function etikett<K extends string>(namn: Record<K, string>, id: string): string | undefined {
  return Object.hasOwn(namn, id) ? namn[id as K] : undefined;
}
