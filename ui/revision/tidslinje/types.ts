import type { ProcessKey } from '../../../domain/processer.ts';
import { versionstext } from '../../../domain/versionstagg.ts';

/**
 * The case timeline for auditors: what happened in the case, who did
 * it, when, and on what legal basis. Built from the engine's history (steps,
 * user tasks and who completed them, messages, timers, incidents, variable
 * updates) and Bokvar's own tables (letters, the consent register). These are
 * its types and the Swedish names of its event kinds and outcomes, which the
 * page, the CSV and the PDF share.
 */
export type Handelsetyp =
  'meddelande' | 'steg' | 'uppgift' | 'frist' | 'brev' | 'kontakt' | 'samtycke' | 'aterkallelse' | 'incident' | 'barn' | 'migrering';

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
  /** An instance moved (or not) to another version of its process by npm run migrera. */
  migrering?: {
    franVersion: number;
    franTagg: string | null;
    tillVersion: number;
    tillTagg: string | null;
    flyttad: boolean;
    batchId: string | null;
  };
}

/**
 * The version of its process each of the case's instances runs (or ran) on, the
 * main instance first and called instances after it; an instance moved by
 * npm run migrera lists the versions it ran on before.
 */
export interface Processversion {
  processInstanceId: string;
  process: string;
  /** The calling instance; null for the case's main instance. */
  anropadAv: string | null;
  version: number;
  versionstagg: string | null;
  start: string;
  slut: string | null;
  /** Earlier versions, oldest first, each until the migration that left it. */
  tidigare: { version: number; versionstagg: string | null; till: string }[];
}

export interface Tidslinje {
  arendenummer: string;
  processKey: ProcessKey;
  hyresgast: string | null;
  skyddadIdentitet: boolean;
  mottagen: string;
  status: 'pagaende' | 'avslutat';
  versioner: Processversion[];
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
  migrering: 'Ny processversion',
};

/** One instance's version line: "kontakt-och-utredning (anropad): version 4 (2026.12-2); tidigare version 3 (2026.12-1) till 2 dec. 2026 16:40". */
export function versionsrad(v: Processversion, tid: (iso: string) => string): string {
  const tidigare = v.tidigare.map((t) => `${versionstext(t.version, t.versionstagg)} till ${tid(t.till)}`);
  return `${v.process}${v.anropadAv ? ' (anropad)' : ''}: ${versionstext(v.version, v.versionstagg)}${tidigare.length > 0 ? `; tidigare ${tidigare.join(', ')}` : ''}`;
}
