import { datumText } from '../../../domain/svensk-tid.ts';
import { hanvisningar, kontaktText, type Arendedata, type Brevmall, type Fristutdrag } from './typer.ts';

export interface InformationsbrevData extends Arendedata {
  /** When known, the tenant is told the last day to pay and keep the flat. */
  atervinningsfrist?: Fristutdrag;
}

/**
 * Handbook, checklist 1 step 6 "Kontakta hyresgästen" (also checklist 2 step 6):
 * the letter accompanies personal contact, never replaces it; it offers support,
 * says that accepting it is voluntary and what secrecy protects.
 */
export const informationsbrev: Brevmall<InformationsbrevData> = {
  typ: 'informationsbrev',
  mallversion: 'informationsbrev/1',
  mottagare: 'hyresgast',
  standardkanal: 'post',
  lagrum: ['jb-12-44-1', 'jb-12-44-4-1', 'osl-26-1', 'osl-12-2'],
  frist: { typ: 'atervinningsfrist', kravs: false },
  text(d) {
    const { cite, anvanda } = hanvisningar();
    const fran = d.hyresvard ? `din hyresvärd, ${d.hyresvard.namn},` : 'din hyresvärd';
    const stycken = [
      `Hej ${d.hyresgast.namn}!`,
      `Socialtjänsten i ${d.avsandare.kommun} har fått ett meddelande från ${fran} om att du riskerar att förlora din bostad. ` +
        'Vi vill hjälpa dig att kunna bo kvar, och vi vill gärna träffa dig eller prata med dig i telefon så snart som möjligt.',
      'Vi kan till exempel hjälpa dig med:',
      {
        punkter: [
          'ekonomiskt bistånd, till exempel till en hyresskuld',
          'kontakt med budget- och skuldrådgivningen',
          'att hyran betalas i tid, till exempel genom autogiro',
          'kontakt med din hyresvärd om en avbetalningsplan',
          'boendestöd eller annat stöd i vardagen',
        ],
      },
    ];
    if (d.atervinningsfrist?.sistaDag) {
      stycken.push(
        `Viktigt: Om hela hyresskulden är betald senast den ${datumText(d.atervinningsfrist.sistaDag)} får du bo kvar ` +
          `(${cite('jb-12-44-1')}). Du kan också få bo kvar om socialnämnden inom samma tid skriftligen åtar sig att betala hyran ` +
          `(${cite('jb-12-44-4-1')}). Hör därför av dig till oss så snart du kan.`,
      );
    }
    stycken.push(
      `Det är frivilligt att ta emot stöd från oss. Det du berättar för oss skyddas av sekretess (${cite('osl-26-1')}). ` +
        `Vi lämnar bara ut uppgifter om dig till din hyresvärd eller någon annan om du samtycker till det (${cite('osl-12-2')}), ` +
        'och du kan när som helst ta tillbaka ditt samtycke.',
      `Du når mig, ${d.handlaggare.namn}, på ${kontaktText(d)}. Ange ärendenummer ${d.arendenummer} när du hör av dig.`,
    );
    return { rubrik: 'Information och erbjudande om stöd från socialtjänsten', stycken, lagrum: anvanda };
  },
};
