import { z } from 'zod';

/**
 * Whom a consent can concern: the outsiders that social services, following the
 * handbook, contact or inform in the work against eviction, and from whom
 * social-services secrecy (26 kap. 1 § OSL) protects the information. The list
 * is closed: a new id is added here, in the element template and in the form
 * (the tests check that they agree). An id is never removed and never changes
 * meaning, because registered consents point to it.
 *
 * The units for children and young people and for financial assistance are not
 * in it: they belong to the same social services administration, and the
 * handbook coordinates with them by internal routine, not by consent (a child
 * investigation goes ahead whatever the guardian thinks). See docs/samtycke.md.
 */
export const MOTTAGARE = {
  hyresvard: {
    etikett: 'Hyresvärden eller störningsjouren',
    handbok: 'Sekretess i förhållande till hyresvärd/störningsjour; checklista 1 steg 5, 7–9',
  },
  'annan-forvaltning:funktionsstod': {
    etikett: 'Förvaltningen för funktionsstöd',
    handbok: 'Sekretess mellan förvaltningarna; checklista 1 steg 3 och 7',
  },
  'annan-forvaltning:aldre': {
    etikett: 'Äldre samt vård- och omsorgsförvaltningen',
    handbok: 'Sekretess mellan förvaltningarna; checklista 1 steg 3 och 7',
  },
  'annan-forvaltning:etableringsenheten': {
    etikett: 'Etableringsenheten SF Centrum',
    handbok: 'Checklista 1 steg 3',
  },
  'budget-och-skuldradgivning': {
    etikett: 'Kommunens budget- och skuldrådgivning',
    handbok: 'Vuxenheternas ansvar; Uppsägning pga. obetald hyra',
  },
  kronofogden: {
    etikett: 'Kronofogdemyndigheten',
    handbok: 'Checklista 2, "Eventuellt begära anstånd med verkställighet"',
  },
} as const satisfies Record<string, { etikett: string; handbok: string }>;

export type Mottagare = keyof typeof MOTTAGARE;

export const MOTTAGARE_IDN = Object.keys(MOTTAGARE) as [Mottagare, ...Mottagare[]];

export const mottagareSchema = z.enum(MOTTAGARE_IDN);
