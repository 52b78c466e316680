import type { ProcessKey } from '../../../domain/processer.ts';

/**
 * The compliance report's types: the selection, the facts gathered for each
 * case (./facts.ts reads them from the engine's history and Bokvar's tables),
 * and the report the measures (./matt.ts) make of them. Types only, so that
 * the reading and the pure definitions need not import each other.
 */

/** The cases received from `fran` to `till` (Swedish dates, both included), of one process or all. */
export interface Urval {
  fran: string;
  till: string;
  process?: ProcessKey;
}

export type Kontaktslag = 'kontakt-hyresvard' | 'information-hyresvard' | 'kontakt-annan-forvaltning';

/** A consent the contact names (samtycke:<id>), as the register has it; null when the id is not in the register. */
export interface Samtyckesfakta {
  /** The consent was given by this case's tenant. */
  sammaPerson: boolean;
  mottagare: string[];
  /** When the tenant gave it (ISO). */
  lamnat: string;
}

export interface Kontaktfakta {
  slag: Kontaktslag;
  /** When the contact task began (its basis is recorded then). */
  tid: string;
  /** The recorded basis, as the process variable holds it at last. */
  grund: string | null;
  samtycke?: Samtyckesfakta | null;
}

/** What the report needs to know about one case; gathered by ./facts.ts. */
export interface Arendefakta {
  arendenummer: string;
  processKey: ProcessKey;
  /** When social services received the notice (ISO). */
  mottagen: string;
  /** The case's main process instance has ended. */
  avslutat: boolean;

  /** Kronofogden: the first confirmation letter to Kronofogden: when it was written, and when it was marked sent (ISO). */
  bekraftelseTillKronofogden: { skapad: string; skickad: string | null } | null;

  /** The notice's ground (`orsak`: obetald-hyra, storningar …); null when the case does not record one. */
  orsak: string | null;
  /** An återvinningsfrist ran in the case (a notice of termination for unpaid rent was served). */
  atervinningsfrist: boolean;
  atervinningsbeslut: string | null;
  /** The deadline's timer ended the decision task: "Fortsätter utan återvinning". */
  atervinningsfristenLoptUt: boolean;
  /**
   * The åtagande letters: when written, whether written after the period, when
   * marked sent (null: not yet), and the end of the period the letter served
   * (fristSenast, 00:00 the day after its last day; null if none was recorded).
   */
  atagandebrev: { skapad: string; efterFrist: boolean; skickad: string | null; fristSenast: string | null }[];
  /** Every letter Bokvar wrote in the case: its type and whether it has been marked sent. */
  brev: { typ: string; skapad: string; skickad: string | null }[];

  /** When the förhandsbedömning ended: "Besluta om utredning" completed (ISO). */
  forhandsbedomningSlut: string | null;
  /** When four weeks from reception had passed (the case's own forhandsbedomningEskaleringSenast). */
  forhandsbedomningGrans: string | null;
  sarskildaSkal: string | null;

  /** Some source says children are affected: the reporter, folkbokföringen, the landlord, the caseworker. */
  barnBerors: boolean;
  /** A barn-och-unga instance ran for the case. */
  barnOchUngaInvolverade: boolean;
  /** The child report's förhandsbedömning: deadline (forhandsbedomningBarnSenast, 14 days from the first child discovery in barnUpptackter) and decision ("Bedöm behov av barnutredning" completed). */
  barnutredning: { grans: string | null; beslutad: string | null } | null;

  /** Kronofogden: the eviction was carried out (avhysningUtfall = genomford). */
  avhysningGenomford: boolean;
  narvaroBarnOchUnga: { narvarade: boolean; skal: string | null; avstamtMedKronofogden: boolean } | null;

  kontakter: Kontaktfakta[];
  /** The first time a caseworker recorded "Kontakt etablerad" with the tenant (ISO). */
  forstaPersonligaKontakt: string | null;
}

// ---- the report

export interface Rad {
  id: string;
  text: string;
  antal: number;
  /** Per cent of the measure's population, one decimal. */
  andel: number | null;
  /** The row must be zero: any case in it is a deviation (röd flagga). */
  skaVaraNoll: boolean;
  avvikelse: boolean;
  arenden: string[];
}

export interface Nyckeltal {
  id: string;
  text: string;
  varde: number | null;
  enhet: 'procent' | 'dagar' | 'antal';
  /** The target the value must meet, e.g. 100 (%); a value that misses it is a deviation. */
  mal?: number;
  avvikelse: boolean;
}

export type MattId =
  | 'bekraftelse-kronofogden'
  | 'atervinningsfrist'
  | 'forhandsbedomning'
  | 'barn-och-unga-involverade'
  | 'narvaro-barnfamiljer'
  | 'barnutredning-14-dagar'
  | 'kontakter-utan-grund'
  | 'forsta-kontakt'
  | 'brev-ej-skickade';

export interface Matt {
  id: MattId;
  rubrik: string;
  /** The definition in one or two sentences; docs/efterlevnad.md has the rest. */
  definition: string;
  /** What the population counts: cases, contacts or letters. */
  enhet: 'arenden' | 'kontakter' | 'brev';
  /** The checklists it concerns: every one (PROCESSNYCKLAR, so a new checklist is measured too) or those it names. */
  processer: ProcessKey[];
  lagrum: string[];
  population: number;
  rader: Rad[];
  nyckeltal: Nyckeltal[];
  /** For duration measures: the days of each case behind the numbers. */
  dagar?: Record<string, number>;
}

export interface Efterlevnadsrapport {
  urval: { fran: string; till: string; process: ProcessKey | null };
  /** When the report was computed (ISO): open cases are judged at this moment. */
  beraknad: string;
  antalArenden: number;
  /** Every case in the selection: its reception date (Swedish) and process. Numbers, no personal data. */
  arenden: Record<string, { mottagen: string; process: string }>;
  matt: Matt[];
}
