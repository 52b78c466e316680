/** Bekräftelse till Kronofogden samma dag som beskedet om avhysning togs emot, med eskalering. */
import type { DateTime } from 'luxon';
import { type Installningar, beskrivTid, hamtaInstallningar } from '../installningar.ts';
import { type DagEllerTidpunkt, type Datum, datumAv, isoMedOffset, klockslag, slutAvDagen, tolkaExaktTidpunkt } from '../tid.ts';
import type { Frist, InstallningsKalla } from '../typer.ts';
import { dagMedVeckodag, dagfrist, grund, kallaFran } from './gemensamt.ts';

export type BekraftelseKronofogdenIndata = {
  /** När socialtjänsten tog emot Kronofogdens besked om avhysningen (tidpunkt med klockslag). */
  mottagen: DagEllerTidpunkt;
  dokument?: string;
};

/**
 * Bekräftelse till Kronofogden samma dag som beskedet togs emot (handbokens rutin; hänvisningen
 * till 5 kap. 4 § SoF är overifierad). Fristen är den svenska dagen för mottagandet: senast =
 * 00:00 dagen efter, förfaller 23:59:59. Eskalering internt vid inställt klockslag (standard 14:00),
 * eller – om beskedet togs emot vid eller efter det – en inställd tid efter mottagandet, dock
 * aldrig efter dagens slut (23:59:59).
 */
export function bekraftelseKronofogden(
  indata: BekraftelseKronofogdenIndata,
  inst: Installningar = hamtaInstallningar(),
): { bekraftelse: Frist; eskalering: Frist } {
  const mottagen = tolkaExaktTidpunkt(indata.mottagen, 'mottagen').startOf('second');
  const dag = datumAv(mottagen);
  const g = grund(
    'mottagetBeskedKronofogden',
    'Socialtjänsten tog emot Kronofogdens besked om avhysning',
    indata.mottagen,
    'mottagen',
    indata.dokument,
    true,
  );

  const bekraftelse: Frist = {
    typ: 'bekraftelseKronofogden',
    art: 'vagledning',
    benamning: 'Bekräftelse till Kronofogden samma dag',
    ...dagfrist(dag),
    grund: [g],
    lagrum: ['handbok-bekraftelse-kronofogden', 'sof-5-4', 'ub-16'],
    forklaring: [
      `Beskedet togs emot ${isoMedOffset(mottagen)} (svensk tid, ${dagMedVeckodag(dag)}).`,
      `Bekräftelsen ska skickas samma dag: i tid till och med ${slutAvDagen(dag)}.`,
    ],
  };

  const { eskalering, kalla, forklaring } = eskaleringstid(mottagen, dag, inst);
  const eskaleringIso = isoMedOffset(eskalering);
  return {
    bekraftelse,
    eskalering: {
      typ: 'bekraftelseKronofogdenEskalering',
      slag: 'tidpunkt',
      art: 'vagledning',
      benamning: 'Intern eskalering: bekräftelse till Kronofogden ej skickad',
      senast: eskaleringIso,
      forfaller: bekraftelse.forfaller,
      grund: [{ ...g }],
      lagrum: ['handbok-bekraftelse-kronofogden', 'sof-5-4'],
      kalla,
      forklaring: [forklaring, `Eskaleringen går ${eskaleringIso}.`],
    },
  };
}

/**
 * När eskaleringen går: vid det inställda klockslaget samma dag, eller – om beskedet togs emot vid
 * eller efter det – den inställda tiden efter mottagandet, dock aldrig efter dagens slut.
 */
function eskaleringstid(
  mottagen: DateTime,
  dag: Datum,
  inst: Installningar,
): { eskalering: DateTime; kalla: InstallningsKalla; forklaring: string } {
  const { eskaleringKlockslag, eskaleringEfterSenMottagning: efter } = inst.bekraftelseKronofogden;
  const [tim, min] = eskaleringKlockslag.varde.split(':').map(Number) as [number, number];
  const eskaleringsklockslag = klockslag(dag, tim, min);
  if (mottagen < eskaleringsklockslag) {
    return {
      eskalering: eskaleringsklockslag,
      kalla: kallaFran(inst, 'bekraftelseKronofogden.eskaleringKlockslag', eskaleringKlockslag.varde, eskaleringKlockslag.kalla),
      forklaring: `Mottaget före ${eskaleringKlockslag.varde}: eskalering ${eskaleringKlockslag.varde} samma dag om bekräftelsen inte skickats.`,
    };
  }
  const dagensSlut = klockslag(dag, 23, 59, 59);
  const efterMottagande = mottagen.plus(efter.enhet === 'timmar' ? { hours: efter.varde } : { minutes: efter.varde });
  const kapad = efterMottagande >= dagensSlut;
  return {
    eskalering: kapad ? dagensSlut : efterMottagande,
    kalla: kallaFran(inst, 'bekraftelseKronofogden.eskaleringEfterSenMottagning', beskrivTid(efter), efter.kalla),
    forklaring: kapad
      ? `Mottaget vid eller efter ${eskaleringKlockslag.varde}: eskalering ${beskrivTid(efter)} efter mottagandet skulle hamna efter dagens slut, så eskaleringen sker vid dagens slut.`
      : `Mottaget vid eller efter ${eskaleringKlockslag.varde}: eskalering ${beskrivTid(efter)} efter mottagandet.`,
  };
}
