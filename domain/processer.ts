import type { Enhet } from './enheter.ts';

/**
 * The process catalogue: every process in bpmn/, and for each checklist what
 * the rest of Bokvar needs to know about it. A case is one instance of a
 * checklist, with the case number as business key.
 *
 * Adding a checklist starts here: its entry in PROCESSER must fill every field
 * of `Process`. What lists or names the checklists reads this catalogue; a key
 * written out elsewhere (a rule about one checklist) is checked against
 * `ProcessKey`. test/unit/bpmn/processer.test.ts keeps the catalogue in step
 * with bpmn/; docs/arkitektur.md lists the steps.
 */
export interface Process {
  /** The handbook's name of the checklist, and the process name in its model: what pages and documents call it. */
  namn: string;
  /** The name where a table column has little room. */
  kortnamn: string;
  /** The message that starts a case: the model's message start event, correlated by the intake. */
  startmeddelande: string;
  /** The units that own every case of the checklist; a notice may add more (`enheterForUnderrattelse`). */
  enheter: readonly Enhet[];
}

export const PROCESSER = {
  'hot-om-avhysning': {
    namn: 'Hot om avhysning',
    kortnamn: 'Hot om avhysning',
    startmeddelande: 'underrattelse-hot-om-avhysning',
    enheter: ['vuxenenheten', 'samordnare'],
  },
  'kronofogden-avhysning': {
    namn: 'Information om avhysning från Kronofogden',
    kortnamn: 'Avhysning (Kronofogden)',
    startmeddelande: 'kronofogden-meddelande',
    // Ekonomiskt bistånd is involved in every Kronofogden case; in a notice's case only for rent debt.
    enheter: ['vuxenenheten', 'samordnare', 'ekonomiskt-bistand'],
  },
} as const satisfies Record<string, Process>;

export type ProcessKey = keyof typeof PROCESSER;
export const PROCESSNYCKLAR = Object.keys(PROCESSER) as ProcessKey[];

/** The processes a checklist calls (callActivity): they run inside a case and carry its business key. */
export const DELPROCESSER = ['kontakt-och-utredning', 'inhamta-samtycke', 'barn-och-unga'] as const;
export type Delprocess = (typeof DELPROCESSER)[number];

/** The processes a caseworker starts from Tasklist for an open case; cases themselves start by message from the intake. */
export const TASKLISTPROCESSER = ['aterkalla-samtycke', 'registrera-rattat-meddelande'] as const;

/** A process key read from the database or the engine is a checklist's. */
export function arProcessKey(key: string): key is ProcessKey {
  return Object.hasOwn(PROCESSER, key);
}

/** A checklist's name (or short name); any other key, such as a called process's, as it is. */
export function processnamn(key: string, form: 'namn' | 'kortnamn' = 'namn'): string {
  return arProcessKey(key) ? PROCESSER[key][form] : key;
}

/**
 * The units a new case of hot-om-avhysning belongs to: the checklist's own,
 * ekonomiskt bistånd for a rent debt, barn och unga when the reporter names
 * children. When the engine learns of children later, in any instance of the
 * case, the case index (ui/arenden/arendeindex.ts) sets `barn` and adds barn
 * och unga.
 */
export function enheterForUnderrattelse(orsak: string, barn: boolean): Enhet[] {
  const enheter: Enhet[] = [...PROCESSER['hot-om-avhysning'].enheter];
  if (orsak === 'obetald-hyra') enheter.push('ekonomiskt-bistand');
  if (barn) enheter.push('barn-och-unga');
  return enheter;
}
