/** Avhysningsdagen (närvaro och påminnelser) och uppföljningen efter avslut. */
import { vardagarFran } from '../helgdagar.ts';
import { type Installningar, type KalenderTid, beskrivTid, hamtaInstallningar } from '../installningar.ts';
import { type DagEllerTidpunkt, slutAvDagen, startAvDagen, svensktDatum } from '../tid.ts';
import type { Frist } from '../typer.ts';
import { dagMedVeckodag, dagfrist, grund, kallaFran, plusTid } from './gemensamt.ts';

export type AvhysningIndata = {
  /** Avhysningsdagen enligt Kronofogdens besked: datum, eller tidpunkt om klockslaget är känt. */
  avhysningsdag: DagEllerTidpunkt;
  dokument?: string;
};

/**
 * Avhysningsdagen: närvarouppgiften förfaller den dagen; påminnelser de inställda antalen vardagar
 * före (standard 3 och 1), 00:00 den dagen. En påminnelse vars dag redan passerat går direkt när
 * Camunda får den – processen avgör om den ska hoppas över.
 */
export function avhysning(
  indata: AvhysningIndata,
  inst: Installningar = hamtaInstallningar(),
): { narvaro: Frist; dag: Frist; paminnelser: Frist[] } {
  const dag = svensktDatum(indata.avhysningsdag, 'avhysningsdag');
  const g = grund(
    'avhysningsdag',
    'Avhysningsdag enligt Kronofogdens besked',
    indata.avhysningsdag,
    'avhysningsdag',
    indata.dokument,
    true,
  );
  const narvaro: Frist = {
    typ: 'avhysningNarvaro',
    art: 'vagledning',
    benamning: 'Närvara vid avhysningen',
    ...dagfrist(dag),
    grund: [g],
    lagrum: ['handbok-narvaro-avhysning', 'ub-16'],
    forklaring: [`Avhysningen sker ${dagMedVeckodag(dag)}; närvarouppgiften förfaller den dagen.`],
  };
  // The day itself, from 00:00: when the attendance task is created (checklist 2, "Närvara vid avhysning").
  const avhysningsdagen: Frist = {
    typ: 'avhysningsdag',
    slag: 'tidpunkt',
    art: 'information',
    benamning: 'Avhysningsdagen',
    senast: startAvDagen(dag),
    forfaller: slutAvDagen(dag),
    grund: [{ ...g }],
    lagrum: ['handbok-narvaro-avhysning', 'ub-16'],
    forklaring: [`Avhysningsdagen ${dagMedVeckodag(dag)} börjar ${startAvDagen(dag)}; då skapas närvarouppgiften.`],
  };
  const p = inst.avhysning.paminnelserFore;
  const antal = [...p.varde].sort((a, b) => b - a);
  const paminnelser = antal.map((n): Frist => {
    const d = vardagarFran(dag, -n);
    const text = beskrivTid({ varde: n, enhet: 'vardagar' });
    return {
      typ: 'avhysningPaminnelse',
      slag: 'tidpunkt',
      art: 'vagledning',
      benamning: `Påminnelse ${text} före avhysningen`,
      senast: startAvDagen(d),
      forfaller: slutAvDagen(d),
      grund: [{ ...g }],
      lagrum: ['handbok-narvaro-avhysning'],
      kalla: kallaFran(inst, 'avhysning.paminnelserFore', text, p.kalla),
      forklaring: [
        `${text} före ${dagMedVeckodag(dag)} är ${dagMedVeckodag(d)} (lördagar, helgdagar och midsommar-, jul- och nyårsafton räknas inte); påminnelse ${startAvDagen(d)}.`,
      ],
    };
  });
  return { narvaro, dag: avhysningsdagen, paminnelser };
}

export type UppfoljningIndata = {
  /** När ärendet (eller aktualiseringen) avslutades. */
  avslutad: DagEllerTidpunkt;
  dokument?: string;
};

/**
 * Uppföljning: den inställda tiden efter att ärendet avslutades (standard 4 veckor). Timern går
 * 00:00 uppföljningsdagen; uppföljningsuppgiften förfaller vid den dagens slut. Uppföljning av
 * vuxna kräver samtycke – det prövar processen, inte kalendern.
 */
export function uppfoljning(indata: UppfoljningIndata, inst: Installningar = hamtaInstallningar()): Frist {
  const slut = svensktDatum(indata.avslutad, 'avslutad');
  const t: KalenderTid = inst.uppfoljning.efterAvslut;
  const dag = plusTid(slut, t);
  return {
    typ: 'uppfoljning',
    slag: 'tidpunkt',
    art: 'vagledning',
    benamning: 'Uppföljning efter avslut',
    senast: startAvDagen(dag),
    forfaller: slutAvDagen(dag),
    grund: [grund('arendetAvslutat', 'Ärendet avslutades', indata.avslutad, 'avslutad', indata.dokument, true)],
    lagrum: ['handbok-uppfoljning'],
    kalla: kallaFran(inst, 'uppfoljning.efterAvslut', beskrivTid(t), t.kalla),
    forklaring: [`${beskrivTid(t)} efter avslutet ${dagMedVeckodag(slut)}: uppföljning ${dagMedVeckodag(dag)}.`],
  };
}
