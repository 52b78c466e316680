import { z } from 'zod';

/**
 * For what purpose a recipient may be contacted or informed. The consent sets
 * the bounds of what may be disclosed and to whom (the handbook, "Vilken
 * sekretess råder för arbetet?"); the purpose is that bound. A closed list, like
 * MOTTAGARE: new ids are added, none is removed or changes meaning.
 */
export const SYFTEN = {
  'kontakt-om-boendet': {
    etikett: 'Samverkan om möjligheterna att bo kvar: hyresskuld, störningar, avbetalningsplan, överenskommelse',
    handbok: 'Checklista 1 steg 5; Överenskommelser; Samverkan (trepartssamtal)',
  },
  'information-om-planerade-insatser': {
    etikett: 'Information om planerade eller möjliga insatser i syfte att möjliggöra kvarboende',
    handbok: 'Checklista 1 steg 7 och 8',
  },
  'ansokan-om-insatser': {
    etikett: 'Hjälp att ansöka om insatser, t.ex. hemtjänst eller boendestöd',
    handbok: 'Sekretess mellan förvaltningarna; checklista 1 steg 3 och 7',
  },
  'formedla-kontakt': {
    etikett: 'Förmedla kontakt',
    handbok: 'Vuxenheternas ansvar (budget- och skuldrådgivning)',
  },
  'begaran-om-anstand': {
    etikett: 'Begäran om anstånd med avhysningen',
    handbok: 'Checklista 2, "Eventuellt begära anstånd med verkställighet"',
  },
  uppfoljning: {
    etikett: 'Uppföljning av att kvarboendet håller',
    handbok: 'Checklista 1 steg 9',
  },
} as const satisfies Record<string, { etikett: string; handbok: string }>;

export type Syfte = keyof typeof SYFTEN;

export const SYFTE_IDN = Object.keys(SYFTEN) as [Syfte, ...Syfte[]];

export const syfteSchema = z.enum(SYFTE_IDN);
