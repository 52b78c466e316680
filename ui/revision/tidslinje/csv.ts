import { tidText } from '../../../domain/svensk-tid.ts';
import { HANDELSETYPER, UTFALLSTEXT, type Handelse } from './types.ts';

/** The timeline as CSV columns (written by ui/revision/csv.ts). */
export const TIDSLINJE_KOLUMNER = [
  { rubrik: 'Tid', varde: (h: Handelse) => tidText(h.tid) },
  { rubrik: 'Slut', varde: (h: Handelse) => (h.slut === undefined ? '' : h.slut === null ? 'pågår' : tidText(h.slut)) },
  { rubrik: 'Händelse', varde: (h: Handelse) => HANDELSETYPER[h.typ] },
  { rubrik: 'Rubrik', varde: (h: Handelse) => h.rubrik },
  { rubrik: 'Vem', varde: (h: Handelse) => h.aktor ?? '' },
  { rubrik: 'Beskrivning', varde: (h: Handelse) => h.text },
  { rubrik: 'Lagrum', varde: (h: Handelse) => h.lagrum.join('; ') },
  { rubrik: 'Frist uppfylld', varde: (h: Handelse) => (h.frist ? UTFALLSTEXT[h.frist.utfall] : '') },
  { rubrik: 'Brevets SHA-256', varde: (h: Handelse) => h.brev?.sha256 ?? '' },
  { rubrik: 'Brevet skickat', varde: (h: Handelse) => (h.brev?.skickad ? `${tidText(h.brev.skickad)} (${h.brev.skickadAv ?? ''})` : '') },
  { rubrik: 'Process', varde: (h: Handelse) => h.process ?? '' },
  { rubrik: 'Aktivitet', varde: (h: Handelse) => h.aktivitet ?? '' },
];
