import { datumText } from '../../../domain/svensk-tid.ts';
import { beloppText } from '../format.ts';
import { adressText, hanvisningar, kontaktText, type Arendedata, type Brevmall, type Fristutdrag, type Stycke } from './typer.ts';

export interface AtagandeData extends Arendedata {
  hyresvard: NonNullable<Arendedata['hyresvard']>;
  /** The rent owed that the committee answers for, in kronor. */
  hyresskuld: number;
  /** What the amount covers, e.g. 'hyran för oktober och november 2026'. */
  hyresskuldAvser?: string;
  atervinningsfrist: Fristutdrag & { sistaDag: string };
}

/**
 * JB 12 kap. 44 § fjärde stycket 1: the tenant keeps the flat if, within the
 * återvinningsfrist, socialnämnden tells the landlord in writing that it takes
 * on the payment responsibility for the rent. The handbook: by registered letter.
 */
export const atagandeBetalningsansvar: Brevmall<AtagandeData> = {
  typ: 'atagande-betalningsansvar',
  mallversion: 'atagande-betalningsansvar/1',
  mottagare: 'hyresvard',
  standardkanal: 'rekommenderat',
  lagrum: ['jb-12-44-4-1', 'jb-12-44-1'],
  frist: { typ: 'atervinningsfrist', kravs: true },
  text(d) {
    const { cite, anvanda } = hanvisningar();
    const uppgifter: [string, string][] = [['Hyresgäst', d.hyresgast.namn]];
    if (d.adress) uppgifter.push(['Lägenhet', adressText(d.adress)]);
    uppgifter.push(['Hyresvärd', d.hyresvard.namn], ['Belopp', beloppText(d.hyresskuld)]);
    const stycken: Stycke[] = [
      { uppgifter },
      `${d.avsandare.namnd} i ${d.avsandare.kommun} åtar sig härmed betalningsansvaret för hyran för hyresgästen ovan, ` +
        `enligt ${cite('jb-12-44-4-1')}.`,
      `Åtagandet avser hyresskulden på ${beloppText(d.hyresskuld)}${d.hyresskuldAvser ? `, ${d.hyresskuldAvser}` : ''}.`,
      `Återvinningsfristen (${cite('jb-12-44-1')}) löper ut den ${datumText(d.atervinningsfrist.sistaDag)}. ` +
        'Åtagandet lämnas skriftligen i detta rekommenderade brev.',
      `Frågor om åtagandet besvaras av ${d.handlaggare.namn}, ${kontaktText(d)}. Ange ärendenummer ${d.arendenummer}.`,
    ];
    return { rubrik: 'Åtagande om betalningsansvar för hyra', stycken, lagrum: anvanda };
  },
};
