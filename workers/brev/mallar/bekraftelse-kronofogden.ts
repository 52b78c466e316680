import { datumText } from '../../../domain/svensk-tid.ts';
import { personnummerText } from '../format.ts';
import { hanvisningar, type Arendedata, type Brevmall, type Stycke } from './typer.ts';

export interface BekraftelseKronofogdenData extends Arendedata {
  /** Kronofogden's case number. */
  malnummer: string;
  avhysning: { datum: string; klockslag?: string };
}

/**
 * Handbook, checklist 2 step 5 "Meddela Kronofogdemyndigheten vem som är ansvarig
 * handläggare": the same day, confirm to Kronofogden and name the responsible
 * caseworker; a copy goes to the tenant. The handbook's SoF reference is
 * unverified, and the catalogue marks it so.
 */
export const bekraftelseKronofogden: Brevmall<BekraftelseKronofogdenData> = {
  typ: 'bekraftelse-kronofogden',
  mallversion: 'bekraftelse-kronofogden/1',
  mottagare: 'kronofogden',
  standardkanal: 'epost-myndighet',
  kopiaTill: 'hyresgast',
  lagrum: ['ub-16', 'handbok-bekraftelse-kronofogden', 'sof-5-4'],
  frist: { typ: 'bekraftelseKronofogden', kravs: true },
  text(d, mottagare) {
    const { cite, anvanda } = hanvisningar();
    const h = d.handlaggare;
    const kontakt = [h.telefon && `telefon ${h.telefon}`, h.epost && `e-post ${h.epost}`].filter(Boolean).join(', ');
    const avhysning = `${datumText(d.avhysning.datum)}${d.avhysning.klockslag ? ' ' + d.avhysning.klockslag : ''}`;
    const stycken: Stycke[] = [];
    if (mottagare === 'hyresgast') {
      stycken.push(
        `Hej ${d.hyresgast.namn}!`,
        'Det här är en kopia av den bekräftelse som socialtjänsten har skickat till Kronofogdemyndigheten. ' +
          `Du är välkommen att kontakta ${h.namn} om du vill ha stöd inför avhysningen.`,
      );
    }
    stycken.push(
      {
        uppgifter: [
          ['Kronofogdens målnummer', d.malnummer],
          ['Svarande (hyresgäst)', d.hyresgast.namn],
          ['Personnummer', personnummerText(d.hyresgast.personnummer)],
          ['Avhysning', avhysning],
        ],
      },
      `Socialtjänsten i ${d.avsandare.kommun} bekräftar att vi har tagit emot Kronofogdemyndighetens underrättelse ` +
        `om avhysning i målet ovan (${cite('ub-16')}).`,
      `Ansvarig handläggare hos socialtjänsten är ${h.namn}, ${d.avsandare.enhet ?? d.avsandare.forvaltning}` +
        `${kontakt ? ', ' + kontakt : `, telefon ${d.avsandare.telefon}, e-post ${d.avsandare.epost}`}.`,
      `Bekräftelsen lämnas samma dag som underrättelsen kom in, enligt ${cite('handbok-bekraftelse-kronofogden')} ` +
        `och ${cite('sof-5-4')}. En kopia av bekräftelsen skickas till hyresgästen.`,
    );
    return { rubrik: 'Bekräftelse av underrättelse om avhysning', stycken, lagrum: anvanda };
  },
};
