import { z } from 'zod';

/**
 * Vilka ett samtycke kan gälla: de utomstående som socialtjänsten enligt
 * handboken kontaktar eller informerar i arbetet mot avhysning, och som
 * socialtjänstsekretessen (26 kap. 1 § OSL) skyddar uppgifterna mot. Listan är
 * stängd: ett nytt id läggs till här, i elementmallen och i formuläret
 * (testerna kontrollerar att de stämmer). Ett id tas aldrig bort eller byter
 * betydelse, eftersom registrerade samtycken pekar på det.
 *
 * Enheterna för barn och unga och för ekonomiskt bistånd finns inte med: de hör
 * till samma socialförvaltning och handboken samordnar med dem genom intern
 * rutin, inte genom samtycke (barnutredning sker oberoende av vårdnadshavarens
 * inställning). Se docs/samtycke.md.
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
