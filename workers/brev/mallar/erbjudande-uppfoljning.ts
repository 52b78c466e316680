import { dagOchDatumText } from '../../../domain/svensk-tid.ts';
import { hanvisningar, kontaktText, type Arendedata, type Brevmall, type Stycke } from './typer.ts';

export interface UppfoljningData extends Arendedata {
  /** A proposed meeting, Swedish local time, if the caseworker suggests one. */
  mote?: { datum: string; klockslag: string };
}

/**
 * Handbook, checklist 1 step 9 "Uppföljning – fortsatt kontakt när avhysning
 * avvärjts" and "Uppföljning efter avhysning": when a need is assessed, the person
 * is offered a follow-up contact; it happens only with their consent.
 */
export const erbjudandeUppfoljning: Brevmall<UppfoljningData> = {
  typ: 'erbjudande-uppfoljning',
  mallversion: 'erbjudande-uppfoljning/1',
  mottagare: 'hyresgast',
  standardkanal: 'post',
  lagrum: ['handbok-uppfoljning', 'osl-26-1'],
  frist: { typ: 'uppfoljning', kravs: false },
  text(d) {
    const { cite, anvanda } = hanvisningar();
    const stycken: Stycke[] = [
      `Hej ${d.hyresgast.namn}!`,
      `Du har haft kontakt med socialtjänsten i ${d.avsandare.kommun} om ditt boende. ` +
        'Vi vill nu erbjuda dig en uppföljande kontakt, för att höra hur det går och om du behöver mer stöd.',
    ];
    if (d.mote) {
      stycken.push(`Vi föreslår att vi ses ${dagOchDatumText(d.mote.datum)} ${d.mote.klockslag}.`);
    }
    stycken.push(
      `Uppföljningen är frivillig och sker bara om du samtycker till den (${cite('handbok-uppfoljning')}). ` +
        `Det du berättar för oss skyddas av sekretess (${cite('osl-26-1')}).`,
      `Vill du ha en uppföljande kontakt${d.mote ? ', eller passar inte tiden' : ''}? Kontakta mig, ${d.handlaggare.namn}, ` +
        `på ${kontaktText(d)}. Ange ärendenummer ${d.arendenummer} när du hör av dig.`,
    );
    return { rubrik: 'Erbjudande om uppföljande kontakt', stycken, lagrum: anvanda };
  },
};
