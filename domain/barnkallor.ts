/**
 * Where social services learned that children are affected (the processes'
 * `barnUpptackter`), and the process variable each source sets. dela-barn
 * records the discoveries, the child's förhandsbedömning runs from the first
 * (frister/berakna/forhandsbedomning.ts), and the auditors' timeline shows them;
 * their names are in ./etiketter.ts.
 */
export const BARNKALLOR = {
  anmalan: 'barnEnligtAnmalan',
  folkbokforing: 'barnBerorda',
  hyresvard: 'barnEnligtHyresvard',
  handlaggare: 'barnEnligtHandlaggare',
} as const;
export type Barnkalla = keyof typeof BARNKALLOR;

export function arBarnkalla(kalla: string): kalla is Barnkalla {
  return Object.hasOwn(BARNKALLOR, kalla);
}
