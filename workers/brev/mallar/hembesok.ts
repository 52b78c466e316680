import { dagOchDatumText } from '../../../domain/svensk-tid.ts';
import { hanvisningar, kontaktText, type Arendedata, type Brevmall } from './typer.ts';

export interface HembesokData extends Arendedata {
  /** The announced visit, Swedish local time. */
  besok: { datum: string; klockslag: string };
}

/**
 * Handbook, checklist 1 step 6 and "När kan ett oanmält hembesök ske?": a home
 * visit is announced first; its only purpose during the preliminary assessment
 * is to inform and offer support; entering needs real consent (RF 2:6).
 */
export const hembesok: Brevmall<HembesokData> = {
  typ: 'hembesok',
  mallversion: 'hembesok/1',
  mottagare: 'hyresgast',
  standardkanal: 'post',
  lagrum: ['rf-2-6', 'jo-7595-2016', 'osl-26-1'],
  text(d) {
    const { cite, anvanda } = hanvisningar();
    const stycken = [
      `Hej ${d.hyresgast.namn}!`,
      `Socialtjänsten i ${d.avsandare.kommun} har fått information om att du riskerar att förlora din bostad. ` +
        'Vi vill träffa dig för att berätta om vilket stöd du kan få för att kunna bo kvar.',
      `Vi kommer därför på ett hembesök ${dagOchDatumText(d.besok.datum)} ${d.besok.klockslag}.`,
      `Besöket är frivilligt. Vi går bara in i din bostad om du säger ja till det (${cite('rf-2-6')}, ${cite('jo-7595-2016')}). ` +
        'Vill du hellre träffas någon annanstans, till exempel på vårt kontor, går det också bra.',
      `Om tiden inte passar, eller om du inte vill ha besöket, kontakta mig, ${d.handlaggare.namn}, på ${kontaktText(d)}, ` +
        `så bestämmer vi något annat. Ange ärendenummer ${d.arendenummer} när du hör av dig.`,
      `Det du berättar för oss skyddas av sekretess (${cite('osl-26-1')}).`,
    ];
    return { rubrik: 'Vi vill besöka dig', stycken, lagrum: anvanda };
  },
};
