import type { ProcessKey } from '../../../domain/processer.ts';

/**
 * The case timeline for auditors: what happened in the case, who did
 * it, when, and on what legal basis. Built from the engine's history (steps,
 * user tasks and who completed them, messages, timers, incidents, variable
 * updates) and Bokvar's own tables (letters, the consent register). These are
 * its types and the Swedish names of its event kinds and outcomes, which the
 * page, the CSV and the PDF share.
 */
export type Handelsetyp =
  'meddelande' | 'steg' | 'uppgift' | 'frist' | 'brev' | 'kontakt' | 'samtycke' | 'aterkallelse' | 'incident' | 'barn';

export type Fristutfall = 'uppfylld' | 'ej-uppfylld' | 'loper' | 'ersatt' | 'information' | 'ingen-atgard';

export interface Handelse {
  typ: Handelsetyp;
  /** When it happened (ISO, UTC); for steps and tasks their start. */
  tid: string;
  /** When it ended, for what has a duration (steps, tasks, incidents); null = still open. */
  slut?: string | null;
  /** Who: an engine user id, or a description ('Processmotorn', 'Bokvar (brev)'). */
  aktor: string | null;
  rubrik: string;
  /** The event in Swedish: outcome, values, basis. */
  text: string;
  /** Legal references (lagrumskatalogen), as cited. */
  lagrum: string[];
  /** The process (definition key) and activity it belongs to, where it has one. */
  process?: string;
  aktivitet?: string;
  frist?: {
    typ: string;
    benamning: string;
    art: string;
    sistaDag: string | null;
    senast: string;
    version: number;
    utfall: Fristutfall;
    /** The settings version (hash of frister/installningar.json) the deadline was computed with; absent on entries from before. */
    installningsversion?: string;
  };
  brev?: {
    id: string;
    typ: string;
    mottagare: string;
    kanal: string;
    sha256: string;
    mallversion: string;
    fristtyp: string | null;
    fristSenast: string | null;
    efterFrist: boolean;
    /** When it was marked sent (null: not yet), by whom, and when that was registered. */
    skickad: string | null;
    skickadAv: string | null;
    skickadRegistrerad: string | null;
  };
  kontakt?: {
    mottagare: string;
    syfte: string;
    /** The basis as the process recorded it: 'samtycke:<id>', 'hyresvarden-underrattade', … */
    grund: string | null;
    samtyckeId: string | null;
    /** The consent's standing at the moment of the contact (lage in the consent rules). */
    samtyckeLage: string | null;
  };
  samtycke?: { id: string; mottagare: string[]; syften: string[]; form: string; lamnat: string; giltigtTill: string | null };
  incident?: { typ: string; status: 'oppen' | 'lost' | 'borttagen'; meddelande: string | null };
  /** A child-discovery event: when social services learned that children are affected, and how. */
  barn?: { kalla: string; forsta: boolean };
}

export interface Tidslinje {
  arendenummer: string;
  processKey: ProcessKey;
  hyresgast: string | null;
  skyddadIdentitet: boolean;
  mottagen: string;
  status: 'pagaende' | 'avslutat';
  handelser: Handelse[];
}

export const UTFALLSTEXT: Record<Fristutfall, string> = {
  uppfylld: 'Uppfylld',
  'ej-uppfylld': 'Inte uppfylld',
  loper: 'Löper',
  ersatt: 'Ersatt av ny beräkning',
  information: 'Information',
  'ingen-atgard': 'Ingen åtgärd knuten till fristen',
};

export const HANDELSETYPER: Record<Handelsetyp, string> = {
  meddelande: 'Meddelande',
  steg: 'Steg',
  uppgift: 'Uppgift',
  frist: 'Frist',
  brev: 'Brev',
  kontakt: 'Kontakt',
  samtycke: 'Samtycke',
  aterkallelse: 'Återkallelse',
  incident: 'Incident',
  barn: 'Barn berörs',
};
