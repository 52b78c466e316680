/**
 * En funktion per fristslag. Rena funktioner: samma indata (och inställningar) ger samma frist.
 * Lagens fasta tider står som konstanter i fristslagets modul; vägledning och lokal rutin kommer från
 * inställningarna (installningar.ts), som skickas in eller hämtas från filen.
 * En modul per fristfamilj, som testerna i test/unit/frister/; det gemensamma i gemensamt.ts.
 */
export {
  aktualisering,
  uppgiftskontrollKronofogden,
  type AktualiseringIndata,
  type UppgiftskontrollKronofogdenIndata,
} from './aktualisering.ts';
export { atagandeBeslut, atagandeSkickat, type AtagandeSkickatIndata } from './atagande.ts';
export {
  ATERVINNINGSFRIST_VECKOR,
  VARDAGAR_FORE_AVHYSNINGSBESLUT,
  atervinningsfrist,
  tidigastAvhysningsbeslut,
  type AtervinningsfristIndata,
} from './atervinningsfrist.ts';
export { avhysning, uppfoljning, type AvhysningIndata, type UppfoljningIndata } from './avhysning-uppfoljning.ts';
export { bekraftelseKronofogden, type BekraftelseKronofogdenIndata } from './bekraftelse-kronofogden.ts';
export {
  delgivningKontroll,
  uppgiftskontrollHotOmAvhysning,
  type DelgivningKontrollIndata,
  type UppgiftskontrollIndata,
} from './delgivning-kontroll.ts';
export {
  FORHANDSBEDOMNING_BARN_DAGAR,
  forhandsbedomningBarn,
  forhandsbedomningVuxen,
  type Barnkalla,
  type ForhandsbedomningBarnIndata,
  type ForhandsbedomningIndata,
} from './forhandsbedomning.ts';
export type { ForlangningIndata, Tid } from './gemensamt.ts';
export { hushallKontroll, type HushallKontrollIndata } from './hushall-kontroll.ts';
export { informeraHyresvarden, type InformeraHyresvardenIndata } from './informera-hyresvarden.ts';
export { svarUppfoljning, type SvarUppfoljningIndata } from './svar-uppfoljning.ts';
