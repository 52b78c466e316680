/** Aktualisering i verksamhetssystemet, och kontroll av uppgifterna om hyresgästen i ett ärende från Kronofogden. */
import { vardagarFran } from '../helgdagar.ts';
import { type Installningar, beskrivTid, hamtaInstallningar } from '../installningar.ts';
import type { LagrumId } from '../lagrum.ts';
import { type DagEllerTidpunkt, slutAvDagen, svensktDatum } from '../tid.ts';
import type { Frist, Grund } from '../typer.ts';
import { dagMedVeckodag, dagfrist, grund, grundAktualiserad, kallaFran, plusTid } from './gemensamt.ts';

export type AktualiseringIndata = {
  /** När socialnämnden tog emot underrättelsen eller Kronofogdens besked. */
  mottagen: DagEllerTidpunkt;
  /** Avhysningsdagen, när Kronofogden har meddelat en (efter anstånd: den nya dagen). */
  avhysningsdag?: DagEllerTidpunkt | null;
  dokument?: string;
};

/**
 * Aktualisering (handbokens steg 4, uppgiften "Aktualisera ärendet i Treserva"): normalt samma dag
 * som förhandsbedömningens påminnelse (den inställda tiden från mottagandet). När Kronofogden har
 * meddelat en avhysningsdag ska ärendet vara aktualiserat senast vardagen före den dagen, så att
 * stödet hinner ges före avhysningen – det tidigare av de två datumen gäller. Aldrig före
 * mottagandets dag: ett besked som kommer dagen före avhysningen förfaller samma dag.
 */
export function aktualisering(indata: AktualiseringIndata, inst: Installningar = hamtaInstallningar()): Frist {
  const start = svensktDatum(indata.mottagen, 'mottagen');
  const p = inst.forhandsbedomningVuxen.paminnelse;
  const normal = plusTid(start, p);
  const grunder: Grund[] = [grundAktualiserad(indata)];
  const forklaring = [`${beskrivTid(p)} från mottagandet ${dagMedVeckodag(start)}: ${dagMedVeckodag(normal)}.`];
  const lagrum: LagrumId[] = ['handbok-forhandsbedomning', 'sol-2025-400-14-2'];
  let sistaDag = normal;
  if (indata.avhysningsdag) {
    const avhysningsdag = svensktDatum(indata.avhysningsdag, 'avhysningsdag');
    const fore = vardagarFran(avhysningsdag, -1);
    const tidigast = fore < start ? start : fore;
    const styr = tidigast < normal;
    grunder[0]!.styrande = !styr;
    grunder.push(
      grund('avhysningsdag', 'Avhysningsdag enligt Kronofogdens besked', indata.avhysningsdag, 'avhysningsdag', undefined, styr),
    );
    lagrum.push('handbok-narvaro-avhysning', 'ub-16');
    forklaring.push(
      fore < start
        ? `Vardagen före avhysningen ${dagMedVeckodag(avhysningsdag)} är ${dagMedVeckodag(fore)}, före mottagandet: aktualisering samma dag som mottagandet, ${dagMedVeckodag(start)}.`
        : `Vardagen före avhysningen ${dagMedVeckodag(avhysningsdag)} är ${dagMedVeckodag(fore)} (lördagar, söndagar, helgdagar och midsommar-, jul- och nyårsafton räknas inte).`,
    );
    if (styr) sistaDag = tidigast;
    forklaring.push(styr ? `Den dagen är tidigare än ${normal} och gäller.` : `${normal} är tidigare och gäller.`);
  }
  forklaring.push(`Aktualiseringen förfaller ${slutAvDagen(sistaDag)}.`);
  return {
    typ: 'aktualisering',
    art: 'vagledning',
    benamning: 'Aktualisering i verksamhetssystemet',
    ...dagfrist(sistaDag),
    grund: grunder,
    lagrum,
    kalla: kallaFran(inst, 'forhandsbedomningVuxen.paminnelse', beskrivTid(p), p.kalla),
    forklaring,
  };
}

export type UppgiftskontrollKronofogdenIndata = {
  /** När Kronofogdens besked togs emot. */
  mottagen: DagEllerTidpunkt;
  dokument?: string;
};

/**
 * Kontrollera uppgifterna om hyresgästen när folkbokföringen inte känner personen (checklista 2
 * steg 2), i ett ärende från Kronofogden: samma svenska dag som beskedet togs emot. Avhysningen är
 * normalt en vecka bort och bekräftelsen ska gå samma dag; uppgifterna kontrolleras med Kronofogden
 * medan bekräftelsen och vägen mot avhysningen redan löper. Förfaller 23:59:59 den dagen.
 * (Hot om avhysning har en egen tid för samma uppgift.)
 */
export function uppgiftskontrollKronofogden(indata: UppgiftskontrollKronofogdenIndata): Frist {
  const dag = svensktDatum(indata.mottagen, 'mottagen');
  return {
    typ: 'uppgiftskontrollKronofogden',
    art: 'vagledning',
    benamning: 'Kontrollera uppgifterna om hyresgästen samma dag',
    ...dagfrist(dag),
    grund: [
      grund(
        'mottagetBeskedKronofogden',
        'Socialtjänsten tog emot Kronofogdens besked om avhysning',
        indata.mottagen,
        'mottagen',
        indata.dokument,
        true,
      ),
    ],
    lagrum: ['handbok-bekraftelse-kronofogden', 'ub-16-2', 'osl-26-1'],
    forklaring: [
      `Beskedet togs emot ${dagMedVeckodag(dag)}; hyresgästen finns inte i folkbokföringen.`,
      `Uppgifterna kontrolleras med Kronofogden samma dag: i tid till och med ${slutAvDagen(dag)}.`,
    ],
  };
}
