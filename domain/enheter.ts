/**
 * Bokvar's units: the engine's groups that own cases and take the models'
 * user tasks (candidateGroups in bpmn/). The roles that own no case (revisor,
 * processagare) are not units. Vuxenenheten runs both checklists; samordnare is
 * its coordinating role, where escalations go.
 */
export const ENHETER = ['vuxenenheten', 'barn-och-unga', 'ekonomiskt-bistand', 'samordnare'] as const;
export type Enhet = (typeof ENHETER)[number];

export function arEnhet(grupp: string): grupp is Enhet {
  return (ENHETER as readonly string[]).includes(grupp);
}
