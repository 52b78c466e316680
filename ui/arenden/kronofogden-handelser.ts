import type { ProcessKey } from '../../domain/processer.ts';
import { svensktDatum } from '../../domain/svensk-tid.ts';
import type { PlainValue } from '../../engine-rest/variables.ts';
import type { Handelse } from '../intake/schemas.ts';

/**
 * Kronofogden's later messages in a running eviction case: what each
 * hands the engine. kronofogden-avhysning.bpmn catches them with event
 * subprocesses at process level, so a case takes them wherever it stands;
 * PROCESS_KRONOFOGDEN is that checklist.
 */
export const PROCESS_KRONOFOGDEN = 'kronofogden-avhysning' satisfies ProcessKey;

/** The events that come from Kronofogden (the others concern the återvinningsfrist, domain/rattelse.ts). */
type KronofogdeHandelse = Extract<Handelse, { typ: 'anstand-beviljat' | 'nycklar-aterlamnade' | 'avhysning-installd' }>;

/**
 * The order of two anstånd decisions: the later decision wins. "Later" is the
 * decision date Kronofogden gave (beslutsdatum), or else the Swedish day the
 * message arrived; on the same day the one that arrived last. The key sorts as
 * text (ÅÅÅÅ-MM-DD|UTC ISO time), which is how the model compares it.
 */
export function anstandOrdning(beslutsdatum: string | undefined, mottaget: Date): string {
  const dag = beslutsdatum ?? svensktDatum(mottaget);
  return `${dag}|${mottaget.toISOString()}`;
}

/** The process variables sent with the message. Every key is sent, null when absent, so no earlier message's value lingers. */
export function handelsevariabler(h: KronofogdeHandelse, mottaget: Date): Record<string, PlainValue> {
  switch (h.typ) {
    case 'anstand-beviljat':
      return {
        nyttAvhysningsdatum: h.nyttAvhysningsdatum,
        anstandBeslutsdatum: h.beslutsdatum ?? null,
        anstandMottaget: mottaget.toISOString(),
        anstandOrdning: anstandOrdning(h.beslutsdatum, mottaget),
      };
    case 'nycklar-aterlamnade':
      return {};
    case 'avhysning-installd':
      return { installdOrsak: h.orsak ?? null };
  }
}
