/**
 * En funktion per fristslag. Rena funktioner: samma indata (och inställningar) ger samma frist.
 * Lagens fasta tider står här som konstanter; vägledning och lokal rutin kommer från
 * inställningarna (installningar.ts), som skickas in eller hämtas från filen.
 */
import type { DateTime } from 'luxon';
import { FristError, felText } from './fel.ts';
import { arHelgfri, ejVardagSkal, helgdagarPa, nastaHelgfriaDag, vardagarFran } from './helgdagar.ts';
import { type Installningar, type KalenderTid, type VardagsTid, beskrivTid, hamtaInstallningar } from './installningar.ts';
import type { LagrumId } from './lagrum.ts';
import {
  type DagEllerTidpunkt,
  type Datum,
  arDatumText,
  datumAv,
  klockslag,
  isoMedOffset,
  plusDagar,
  plusManader,
  slutAvDagen,
  startAvDagen,
  startAvDagenEfter,
  svensktDatum,
  tolkaExaktTidpunkt,
  tolkaTidpunkt,
  veckodag,
  veckodagNr,
} from './tid.ts';
import type { Frist, FristTyp, Forlangning, Grund, InstallningsKalla } from './typer.ts';

/** Återvinningsfristen är tre veckor (12 kap. 44 § första stycket jordabalken). */
export const ATERVINNINGSFRIST_VECKOR = 3;
/** Beslut om avhysning först när ytterligare två vardagar gått (12 kap. 44 § andra stycket jordabalken). */
export const VARDAGAR_FORE_AVHYSNINGSBESLUT = 2;
/** Förhandsbedömning efter anmälan som rör barn: 14 dagar (20 kap. 2 § SoL 2025:400). */
export const FORHANDSBEDOMNING_BARN_DAGAR = 14;

export type Tid = { varde: number; enhet: 'dagar' | 'veckor' | 'manader' };

// ---------------------------------------------------------------- hjälpfunktioner

function dagMedVeckodag(datum: Datum): string {
  return `${veckodag(datum)} ${datum}`;
}

/** Kalendertid från ett datum: dagar, veckor (samma veckodag) eller månader (samma dag i månaden). */
function plusTid(datum: Datum, tid: Tid): Datum {
  if (tid.enhet === 'dagar') return plusDagar(datum, tid.varde);
  if (tid.enhet === 'veckor') return plusDagar(datum, 7 * tid.varde);
  return plusManader(datum, tid.varde);
}

function dagfrist(sistaDag: Datum): Pick<Frist, 'slag' | 'sistaDag' | 'senast' | 'forfaller'> {
  return { slag: 'frist', sistaDag, senast: startAvDagenEfter(sistaDag), forfaller: slutAvDagen(sistaDag) };
}

/** Datum som text för grunden: bara datum om inget klockslag angavs, annars tidpunkten med offset (svensk tid). */
function grundDatum(varde: DagEllerTidpunkt, falt: string): string {
  return arDatumText(varde) ? svensktDatum(varde, falt) : isoMedOffset(tolkaTidpunkt(varde, falt));
}

function grund(
  handelse: string,
  beskrivning: string,
  varde: DagEllerTidpunkt,
  falt: string,
  dokument: string | undefined,
  styrande: boolean,
): Grund {
  const g: Grund = { handelse, beskrivning, datum: grundDatum(varde, falt), styrande };
  if (dokument !== undefined) g.dokument = dokument;
  return g;
}

function kallaFran(inst: Installningar, installning: string, varde: string, text: string): InstallningsKalla {
  return { installning, varde, text, fil: inst.fil };
}

function unika<T>(lista: T[]): T[] {
  return [...new Set(lista)];
}

function kontrolleraTid(tid: Tid, falt: string): void {
  if (!Number.isInteger(tid.varde) || tid.varde <= 0 || !['dagar', 'veckor', 'manader'].includes(tid.enhet)) {
    throw new FristError('OGILTIGT_ANTAL', felText.ogiltigtAntal(falt, tid));
  }
}

export type ForlangningIndata = {
  /** Det särskilda skälet (vuxna) eller de synnerliga skälen (barn), som dokumenterats. */
  skal: string;
  /** Den nya, längre tiden räknad från mottagandet. */
  tid: Tid;
  beslutadAv?: string;
  beslutad?: DagEllerTidpunkt;
};

function forlang(
  start: Datum,
  ursprunglig: Datum,
  ursprungligTid: string,
  f: ForlangningIndata,
): { sistaDag: Datum; forlangd: Forlangning } {
  if (typeof f.skal !== 'string' || f.skal.trim() === '') {
    throw new FristError('OGILTIG_FORLANGNING', felText.forlangningSkalSaknas());
  }
  kontrolleraTid(f.tid, 'forlangning.tid');
  const sistaDag = plusTid(start, f.tid);
  if (sistaDag <= ursprunglig) {
    throw new FristError('OGILTIG_FORLANGNING', felText.forlangningInteLangre(beskrivTid(f.tid), ursprungligTid));
  }
  const forlangd: Forlangning = {
    skal: f.skal.trim(),
    tid: beskrivTid(f.tid),
    ursprungligSistaDag: ursprunglig,
    ursprungligSenast: startAvDagenEfter(ursprunglig),
  };
  if (f.beslutadAv !== undefined) forlangd.beslutadAv = f.beslutadAv;
  if (f.beslutad !== undefined) forlangd.beslutad = grundDatum(f.beslutad, 'forlangning.beslutad');
  return { sistaDag, forlangd };
}

// ---------------------------------------------------------------- återvinningsfrist

export type AtervinningsfristIndata = {
  /** Dagen då hyresgästen delgavs uppsägningen och underrättelsen om återvinning. */
  delgivningsdatum: DagEllerTidpunkt;
  /** När socialnämnden tog emot hyresvärdens (korrekta) meddelande om uppsägningen. */
  mottagenSocialnamnden: DagEllerTidpunkt;
  delgivningDokument?: string;
  underrattelseDokument?: string;
  /**
   * Vid rättat meddelande från hyresvärden: det tidigare, bristfälliga meddelandet som ersätts.
   * Fristen räknas då från det rättade meddelandet (mottagenSocialnamnden); det gamla sparas i grunden.
   */
  ersatter?: { mottagen: DagEllerTidpunkt; dokument?: string; brist?: string };
};

/**
 * Återvinningsfristen (12 kap. 44 § jordabalken): tre veckor från den senare av delgivningen och
 * socialnämndens mottagande, till samma veckodag (1 § lag 1930:173); infaller sista dagen på
 * lördag, söndag, helgdag, midsommarafton, julafton eller nyårsafton flyttas den till nästa vardag
 * (2 § lag 1930:173). Sista dagen är inklusive; timern går 00:00 dagen efter.
 * Ett rättat meddelande: anropa igen med det nya mottagningsdatumet (och `ersatter`).
 */
export function atervinningsfrist(indata: AtervinningsfristIndata): Frist {
  const delgiven = svensktDatum(indata.delgivningsdatum, 'delgivningsdatum');
  const mottagen = svensktDatum(indata.mottagenSocialnamnden, 'mottagenSocialnamnden');
  const start = delgiven >= mottagen ? delgiven : mottagen;

  const grunder: Grund[] = [
    grund(
      'delgivning',
      'Hyresgästen delgavs uppsägningen och underrättelsen om möjligheten att återvinna hyresrätten',
      indata.delgivningsdatum,
      'delgivningsdatum',
      indata.delgivningDokument,
      delgiven === start,
    ),
    grund(
      'mottagenUnderrattelse',
      indata.ersatter
        ? 'Socialnämnden tog emot hyresvärdens rättade meddelande om uppsägningen'
        : 'Socialnämnden tog emot hyresvärdens meddelande om uppsägningen',
      indata.mottagenSocialnamnden,
      'mottagenSocialnamnden',
      indata.underrattelseDokument,
      mottagen === start,
    ),
  ];
  const lagrum: LagrumId[] = ['jb-12-44-1', 'lag-1930-173-1', 'jb-12-44-4-1'];
  const forklaring: string[] = [];

  if (indata.ersatter) {
    grunder.push(
      grund(
        'ersattUnderrattelse',
        `Tidigare meddelande till socialnämnden, ersatt av ett rättat${indata.ersatter.brist ? ` (${indata.ersatter.brist})` : ''}; det startar inte fristen`,
        indata.ersatter.mottagen,
        'ersatter.mottagen',
        indata.ersatter.dokument,
        false,
      ),
    );
    lagrum.push('nja-1985-s586');
    forklaring.push(
      `Ett bristfälligt meddelande startar inte fristen; den räknas från det rättade meddelandet (NJA 1985 s. 586).`,
    );
  }

  forklaring.push(
    delgiven === mottagen
      ? `Delgivning och socialnämndens mottagande skedde samma dag, ${dagMedVeckodag(start)}; fristen räknas därifrån.`
      : `Fristen räknas från den senare av delgivningen (${delgiven}) och socialnämndens mottagande (${mottagen}): ${dagMedVeckodag(start)}.`,
  );
  const treVeckor = plusDagar(start, 7 * ATERVINNINGSFRIST_VECKOR);
  forklaring.push(
    `Tre veckor från ${dagMedVeckodag(start)} slutar ${dagMedVeckodag(treVeckor)} (samma veckodag, 1 § lag 1930:173).`,
  );

  const sistaDag = nastaHelgfriaDag(treVeckor);
  if (sistaDag !== treVeckor) {
    const hoppade: string[] = [];
    let harHelgdag = false;
    for (let d = treVeckor; d < sistaDag; d = plusDagar(d, 1)) {
      hoppade.push(`${d} ${ejVardagSkal(d) ?? ''}`);
      if (helgdagarPa(d).some((h) => h.slag === 'allmanHelgdag') || veckodagNr(d) === 7) harHelgdag = true;
    }
    forklaring.push(
      `Den dagen är inte en vardag (${hoppade.join(', ')}); sista dagen flyttas till nästa vardag, ${dagMedVeckodag(sistaDag)} (2 § lag 1930:173).`,
    );
    lagrum.push('lag-1930-173-2', 'lag-1930-173-2-jb-12-44');
    if (harHelgdag) lagrum.push('lag-1989-253');
  }
  forklaring.push(
    `Betalning eller socialnämndens skriftliga åtagande är i tid till och med ${sistaDag}; fristen har löpt ut ${startAvDagenEfter(sistaDag)}.`,
  );

  return {
    typ: 'atervinningsfrist',
    art: 'lag',
    benamning: 'Återvinningsfrist',
    ...dagfrist(sistaDag),
    grund: grunder,
    lagrum: unika(lagrum),
    forklaring,
  };
}

/**
 * Två vardagar efter återvinningsfristen – före dess får inget beslut om avhysning meddelas
 * (12 kap. 44 § andra stycket jordabalken). Information till handläggaren.
 * sistaDag är den andra vardagen; ett beslut kan meddelas tidigast när den har gått (senast).
 * Vardag = måndag–fredag som inte är helgdag, midsommarafton, julafton eller nyårsafton.
 */
export function tidigastAvhysningsbeslut(atervinning: Frist): Frist {
  if (atervinning.typ !== 'atervinningsfrist' || atervinning.sistaDag === undefined) {
    throw new FristError('OGILTIGT_DATUM', felText.ogiltigtDatum('återvinningsfrist', atervinning.typ));
  }
  const fristSlut = atervinning.sistaDag;
  const forsta = vardagarFran(fristSlut, 1);
  const andra = vardagarFran(fristSlut, VARDAGAR_FORE_AVHYSNINGSBESLUT);
  return {
    typ: 'tidigastAvhysningsbeslut',
    art: 'information',
    benamning: 'Tidigaste dag för beslut om avhysning',
    ...dagfrist(andra),
    grund: [
      {
        handelse: 'atervinningsfristUtgick',
        beskrivning: 'Återvinningsfristens sista dag',
        datum: fristSlut,
        styrande: true,
      },
    ],
    lagrum: ['jb-12-44-2'],
    forklaring: [
      `Återvinningsfristens sista dag är ${dagMedVeckodag(fristSlut)}.`,
      `Därefter ska ytterligare två vardagar gå: ${dagMedVeckodag(forsta)} och ${dagMedVeckodag(andra)} (lördagar, helgdagar och midsommar-, jul- och nyårsafton räknas inte).`,
      `Beslut om avhysning kan meddelas tidigast från ${startAvDagenEfter(andra)}.`,
    ],
  };
}

// ---------------------------------------------------------------- bekräftelse till Kronofogden

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

  const { eskaleringKlockslag, eskaleringEfterSenMottagning } = inst.bekraftelseKronofogden;
  const [tim, min] = eskaleringKlockslag.varde.split(':').map(Number) as [number, number];
  const eskaleringsklockslag = klockslag(dag, tim, min);
  const dagensSlut = klockslag(dag, 23, 59, 59);
  let eskalering: DateTime;
  let kalla: InstallningsKalla;
  let forklaring: string;
  if (mottagen < eskaleringsklockslag) {
    eskalering = eskaleringsklockslag;
    kalla = kallaFran(
      inst,
      'bekraftelseKronofogden.eskaleringKlockslag',
      eskaleringKlockslag.varde,
      eskaleringKlockslag.kalla,
    );
    forklaring = `Mottaget före ${eskaleringKlockslag.varde}: eskalering ${eskaleringKlockslag.varde} samma dag om bekräftelsen inte skickats.`;
  } else {
    const efter = eskaleringEfterSenMottagning;
    const efterMottagande = mottagen.plus(efter.enhet === 'timmar' ? { hours: efter.varde } : { minutes: efter.varde });
    const kapad = efterMottagande >= dagensSlut;
    eskalering = kapad ? dagensSlut : efterMottagande;
    kalla = kallaFran(
      inst,
      'bekraftelseKronofogden.eskaleringEfterSenMottagning',
      beskrivTid(efter),
      efter.kalla,
    );
    forklaring = kapad
        ? `Mottaget vid eller efter ${eskaleringKlockslag.varde}: eskalering ${beskrivTid(efter)} efter mottagandet skulle hamna efter dagens slut, så eskaleringen sker vid dagens slut.`
        : `Mottaget vid eller efter ${eskaleringKlockslag.varde}: eskalering ${beskrivTid(efter)} efter mottagandet.`;
  }
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

// ---------------------------------------------------------------- uppgifterna om hyresgästen (Kronofogden)

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
    grund: [grund('mottagetBeskedKronofogden', 'Socialtjänsten tog emot Kronofogdens besked om avhysning', indata.mottagen, 'mottagen', indata.dokument, true)],
    lagrum: ['handbok-bekraftelse-kronofogden', 'ub-16-2', 'osl-26-1'],
    forklaring: [
      `Beskedet togs emot ${dagMedVeckodag(dag)}; hyresgästen finns inte i folkbokföringen.`,
      `Uppgifterna kontrolleras med Kronofogden samma dag: i tid till och med ${slutAvDagen(dag)}.`,
    ],
  };
}

// ---------------------------------------------------------------- förhandsbedömning

export type ForhandsbedomningIndata = {
  /** När socialnämnden tog emot underrättelsen, anmälan eller motsvarande (ärendet aktualiserades). */
  mottagen: DagEllerTidpunkt;
  dokument?: string;
  /** Förlängning med dokumenterat skäl: ny, längre tid räknad från mottagandet. */
  forlangning?: ForlangningIndata;
};

/**
 * Förhandsbedömning, vuxen: påminnelse och eskalering efter de inställda tiderna från mottagandet
 * (handbokens riktmärke 2–4 veckor, inte lag). Tiden kan förlängas med ett dokumenterat särskilt
 * skäl: eskaleringen flyttas till den nya tiden; påminnelsen ligger kvar.
 */
export function forhandsbedomningVuxen(
  indata: ForhandsbedomningIndata,
  inst: Installningar = hamtaInstallningar(),
): { paminnelse: Frist; eskalering: Frist } {
  const start = svensktDatum(indata.mottagen, 'mottagen');
  const g = grund(
    'mottagenUnderrattelse',
    'Socialnämnden tog emot underrättelsen (ärendet aktualiserades)',
    indata.mottagen,
    'mottagen',
    indata.dokument,
    true,
  );
  const lagrum: LagrumId[] = ['handbok-forhandsbedomning', 'sol-2025-400-14-2'];
  const { paminnelse: p, eskalering: e } = inst.forhandsbedomningVuxen;

  const paminnelseDag = plusTid(start, p);
  const paminnelse: Frist = {
    typ: 'forhandsbedomningPaminnelse',
    art: 'vagledning',
    benamning: 'Förhandsbedömning: påminnelse',
    ...dagfrist(paminnelseDag),
    grund: [g],
    lagrum,
    kalla: kallaFran(inst, 'forhandsbedomningVuxen.paminnelse', beskrivTid(p), p.kalla),
    forklaring: [
      `${beskrivTid(p)} från mottagandet ${dagMedVeckodag(start)}: ${dagMedVeckodag(paminnelseDag)}; påminnelse ${startAvDagenEfter(paminnelseDag)}.`,
    ],
  };

  const ordinarie = plusTid(start, e);
  const forklaring = [
    `${beskrivTid(e)} från mottagandet ${dagMedVeckodag(start)}: ${dagMedVeckodag(ordinarie)}.`,
  ];
  let sistaDag = ordinarie;
  let forlangd: Forlangning | undefined;
  if (indata.forlangning) {
    ({ sistaDag, forlangd } = forlang(start, ordinarie, beskrivTid(e), indata.forlangning));
    forklaring.push(
      `Förlängd till ${forlangd.tid} från mottagandet, ${dagMedVeckodag(sistaDag)}, av särskilt skäl: ${forlangd.skal}.`,
    );
  }
  forklaring.push(`Eskalering ${startAvDagenEfter(sistaDag)} om förhandsbedömningen inte är klar.`);
  const eskalering: Frist = {
    typ: 'forhandsbedomningEskalering',
    art: 'vagledning',
    benamning: 'Förhandsbedömning: eskalering',
    ...dagfrist(sistaDag),
    grund: [{ ...g }],
    lagrum: [...lagrum],
    kalla: kallaFran(inst, 'forhandsbedomningVuxen.eskalering', beskrivTid(e), e.kalla),
    forklaring,
  };
  if (forlangd) eskalering.forlangd = forlangd;
  return { paminnelse, eskalering };
}

/** Hur socialnämnden fick kännedom om barnet (barnUpptackter i processerna). */
export type Barnkalla = 'anmalan' | 'folkbokforing' | 'hyresvard' | 'handlaggare';

const BARNKALLA_TEXT: Record<Barnkalla, string> = {
  anmalan: 'Socialnämnden tog emot anmälan som rör ett barn',
  folkbokforing: 'Socialnämnden fick kännedom om barnet genom folkbokföringen',
  hyresvard: 'Socialnämnden fick kännedom om barnet genom hyresvärden',
  handlaggare: 'Socialnämnden fick kännedom om barnet genom handläggarens kontakt med hushållet',
};

export type ForhandsbedomningBarnIndata = ForhandsbedomningIndata & {
  /**
   * Hur nämnden fick kännedom om barnet; `mottagen` är då det ögonblicket. Utan: anmälan som
   * nämner barnet, mottagen när anmälan togs emot.
   */
  kalla?: Barnkalla;
};

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
  const grunder: Grund[] = [
    grund('mottagenUnderrattelse', 'Socialnämnden tog emot underrättelsen (ärendet aktualiserades)', indata.mottagen, 'mottagen', indata.dokument, true),
  ];
  const forklaring = [`${beskrivTid(p)} från mottagandet ${dagMedVeckodag(start)}: ${dagMedVeckodag(normal)}.`];
  const lagrum: LagrumId[] = ['handbok-forhandsbedomning', 'sol-2025-400-14-2'];
  let sistaDag = normal;
  if (indata.avhysningsdag) {
    const avhysningsdag = svensktDatum(indata.avhysningsdag, 'avhysningsdag');
    const fore = vardagarFran(avhysningsdag, -1);
    const tidigast = fore < start ? start : fore;
    const styr = tidigast < normal;
    grunder[0]!.styrande = !styr;
    grunder.push(grund('avhysningsdag', 'Avhysningsdag enligt Kronofogdens besked', indata.avhysningsdag, 'avhysningsdag', undefined, styr));
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

/**
 * Förhandsbedömning efter uppgift som rör ett barn: beslut inom 14 dagar från att nämnden fick
 * kännedom om barnet (20 kap. 2 § SoL 2025:400) — från anmälan, eller från när folkbokföringen,
 * hyresvärden eller handläggaren visade att barn berörs. Förlängning bara vid synnerliga skäl.
 * Ingen flytt till nästa vardag: nämndens egen frist, och det tidigare datumet skyddar barnet
 * (se docs/frister.md).
 */
export function forhandsbedomningBarn(indata: ForhandsbedomningBarnIndata): Frist {
  const start = svensktDatum(indata.mottagen, 'mottagen');
  const kalla = indata.kalla ?? 'anmalan';
  const fran = kalla === 'anmalan' ? 'mottagandet' : 'kännedomen om barnet';
  const ordinarie = plusTid(start, { varde: FORHANDSBEDOMNING_BARN_DAGAR, enhet: 'dagar' });
  const forklaring = [
    `14 dagar från ${fran} ${dagMedVeckodag(start)}: ${dagMedVeckodag(ordinarie)} (20 kap. 2 § SoL 2025:400).`,
  ];
  if (!arHelgfri(ordinarie)) {
    forklaring.push(`Sista dagen är ${ejVardagSkal(ordinarie)}; Bokvar flyttar den inte till nästa vardag.`);
  }
  let sistaDag = ordinarie;
  let forlangd: Forlangning | undefined;
  if (indata.forlangning) {
    ({ sistaDag, forlangd } = forlang(start, ordinarie, '14 dagar', indata.forlangning));
    forklaring.push(`Förlängd till ${forlangd.tid} från ${fran}, ${dagMedVeckodag(sistaDag)}, av synnerliga skäl: ${forlangd.skal}.`);
  }
  forklaring.push(`Beslut om utredning ska fattas senast ${sistaDag}; fristen har löpt ut ${startAvDagenEfter(sistaDag)}.`);
  const frist: Frist = {
    typ: 'forhandsbedomningBarn',
    art: 'lag',
    benamning: 'Förhandsbedömning efter anmälan om barn',
    ...dagfrist(sistaDag),
    grund: [
      kalla === 'anmalan'
        ? grund('mottagenAnmalanBarn', BARNKALLA_TEXT.anmalan, indata.mottagen, 'mottagen', indata.dokument, true)
        : grund('kannedomOmBarn', BARNKALLA_TEXT[kalla], indata.mottagen, 'mottagen', indata.dokument, true),
    ],
    lagrum: ['sol-2025-400-20-2'],
    forklaring,
  };
  if (forlangd) frist.forlangd = forlangd;
  return frist;
}

// ---------------------------------------------------------------- avhysning

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

// ---------------------------------------------------------------- uppföljning

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

// ---------------------------------------------------------------- uppföljning av svar

export type SvarUppfoljningIndata = {
  /** När uppgiften som väntar på någon annans svar skapades. */
  start: DagEllerTidpunkt;
};

/**
 * Uppföljning av svar: den inställda tiden i vardagar (standard 3) efter den dag då en uppgift
 * som väntar på någon annan skapades – hyresvärdens svar, hyresgästens samtycke. Blir uppgiftens
 * uppföljningsdatum (camunda:followUpDate): 00:00 den dagen, svensk tid. Startdagen räknas inte;
 * lördagar, söndagar, helgdagar och midsommar-, jul- och nyårsafton räknas inte.
 */
export function svarUppfoljning(indata: SvarUppfoljningIndata, inst: Installningar = hamtaInstallningar()): Frist {
  return vardagarEfterUppgiftensStart(indata.start, inst.svarUppfoljning.efter, inst, {
    typ: 'svarUppfoljning',
    benamning: 'Uppföljning av svar',
    installning: 'svarUppfoljning.efter',
    skapad: 'Uppgiften som väntar på svar skapades',
    lagrum: ['sol-2025-400-14-2'],
    slutsats: (dag) => `uppgiften följs upp från ${startAvDagen(dag)}`,
  });
}

// ---------------------------------------------------------------- hushållet fastställs

export type HushallKontrollIndata = {
  /** När uppgiften att fastställa hushållet skapades. */
  start: DagEllerTidpunkt;
};

/**
 * Fastställ hushållet: folkbokföringen kunde inte skilja ut hushållet (ingen lägenhet i
 * underrättelsen, flera lägenheter på adressen), så det syns inte om barn bor där. Uppgiften
 * förfaller vid slutet av den inställda tiden i vardagar (standard 2) efter dagen då den skapades;
 * startdagen räknas inte, lördagar, söndagar, helgdagar och midsommar-, jul- och nyårsafton inte heller.
 */
export function hushallKontroll(indata: HushallKontrollIndata, inst: Installningar = hamtaInstallningar()): Frist {
  return vardagarEfterUppgiftensStart(indata.start, inst.hushallKontroll.inom, inst, {
    typ: 'hushallKontroll',
    benamning: 'Fastställ hushållet',
    installning: 'hushallKontroll.inom',
    skapad: 'Uppgiften att fastställa hushållet skapades',
    lagrum: ['sol-2025-400-18-1', 'sol-2025-400-14-2'],
    slutsats: () => 'hushållet ska vara fastställt den dagen',
  });
}

// ---------------------------------------------------------------- hyresvärden informeras

export type InformeraHyresvardenIndata = {
  /** När uppgiften att informera hyresvärden skapades (samtycket finns). */
  start: DagEllerTidpunkt;
};

/**
 * Informera hyresvärden: när hyresgästen har samtyckt ska hyresvärden få information om planerade
 * eller möjliga insatser (handboken steg 7 och 8). Uppgiften förfaller vid slutet av den inställda
 * tiden i vardagar (standard 2) efter dagen då den skapades; startdagen räknas inte, lördagar,
 * söndagar, helgdagar och midsommar-, jul- och nyårsafton inte heller.
 */
export function informeraHyresvarden(indata: InformeraHyresvardenIndata, inst: Installningar = hamtaInstallningar()): Frist {
  return vardagarEfterUppgiftensStart(indata.start, inst.informeraHyresvarden.inom, inst, {
    typ: 'informeraHyresvarden',
    benamning: 'Informera hyresvärden',
    installning: 'informeraHyresvarden.inom',
    skapad: 'Uppgiften att informera hyresvärden skapades (samtycke finns)',
    lagrum: ['osl-12-2', 'osl-26-1'],
    slutsats: () => 'hyresvärden ska ha fått informationen den dagen',
  });
}

export type DelgivningKontrollIndata = {
  /** When the task "Ta reda på delgivningsdatum" starts: now, in the worker. */
  start: DagEllerTidpunkt;
};

/**
 * Unpaid rent without a service date: the återvinningsfrist cannot start until someone
 * finds out when the tenant was served (12 kap. 44 § JB; the period runs from the later
 * of service and social services' receipt). The task is due at the end of the set working
 * day after it started (`delgivningKontroll.inom`); the escalation to samordnare fires
 * 00:00 on the set working day (`delgivningKontroll.eskalering`) if it is still open.
 */
export function delgivningKontroll(
  indata: DelgivningKontrollIndata,
  inst: Installningar = hamtaInstallningar(),
): { uppgift: Frist; eskalering: Frist } {
  const lagrum: LagrumId[] = ['jb-12-44-1', 'jb-12-25a', 'delgivningslagen'];
  return {
    uppgift: vardagarEfterUppgiftensStart(indata.start, inst.delgivningKontroll.inom, inst, {
      typ: 'delgivningKontroll',
      benamning: 'Ta reda på delgivningsdatum',
      installning: 'delgivningKontroll.inom',
      skapad: 'Uppgiften att ta reda på delgivningsdatum skapades (uppsägning för obetald hyra utan delgivningsdatum)',
      lagrum,
      slutsats: () => 'delgivningsdatumet ska vara registrerat den dagen, så att återvinningsfristen kan räknas',
    }),
    eskalering: vardagarEfterUppgiftensStart(indata.start, inst.delgivningKontroll.eskalering, inst, {
      typ: 'delgivningKontrollEskalering',
      benamning: 'Eskalering: delgivningsdatum saknas fortfarande',
      installning: 'delgivningKontroll.eskalering',
      skapad: 'Uppgiften att ta reda på delgivningsdatum skapades',
      lagrum,
      slutsats: () => 'är uppgiften fortfarande öppen eskaleras den till samordnare',
    }),
  };
}

export type UppgiftskontrollIndata = {
  /** When the task "Kontrollera uppgifterna om hyresgästen" starts: now, in the worker. */
  start: DagEllerTidpunkt;
};

/**
 * Hot om avhysning: the tenant was not found in the folkbokföring register and the details
 * must be checked with the reporter (`uppgiftskontroll.hotOmAvhysning` working days). The
 * återvinning path does not wait for it; the rest of the investigation does.
 */
export function uppgiftskontrollHotOmAvhysning(indata: UppgiftskontrollIndata, inst: Installningar = hamtaInstallningar()): Frist {
  return vardagarEfterUppgiftensStart(indata.start, inst.uppgiftskontroll.hotOmAvhysning, inst, {
    typ: 'uppgiftskontrollHotOmAvhysning',
    benamning: 'Kontrollera uppgifterna om hyresgästen',
    installning: 'uppgiftskontroll.hotOmAvhysning',
    skapad: 'Uppgiften att kontrollera uppgifterna om hyresgästen skapades (hyresgästen saknades i folkbokföringen)',
    lagrum: ['osl-26-1'],
    slutsats: () => 'uppgifterna ska vara kontrollerade den dagen',
  });
}

/**
 * A local routine counted from the day a task starts: the day the set number of working days
 * after it (the start day not counted; Saturdays, Sundays, public holidays and midsummer,
 * Christmas and New Year's eves not either), from 00:00 to the end of that day, Swedish time.
 */
function vardagarEfterUppgiftensStart(
  start: DagEllerTidpunkt,
  t: VardagsTid,
  inst: Installningar,
  d: { typ: FristTyp; benamning: string; installning: string; skapad: string; lagrum: LagrumId[]; slutsats: (dag: string) => string },
): Frist {
  const startdag = svensktDatum(start, 'start');
  const text = beskrivTid(t);
  const dag = vardagarFran(startdag, t.varde);
  return {
    typ: d.typ,
    slag: 'tidpunkt',
    art: 'vagledning',
    benamning: d.benamning,
    senast: startAvDagen(dag),
    forfaller: slutAvDagen(dag),
    grund: [grund('uppgiftSkapad', d.skapad, start, 'start', undefined, true)],
    lagrum: d.lagrum,
    kalla: kallaFran(inst, d.installning, text, t.kalla),
    forklaring: [
      `${text} efter ${dagMedVeckodag(startdag)} är ${dagMedVeckodag(dag)} (lördagar, söndagar, helgdagar och midsommar-, jul- och nyårsafton räknas inte); ${d.slutsats(dag)}.`,
    ],
  };
}

// ---------------------------------------------------------------- åtagandet: beslut och utskick

/**
 * Beslut om åtagande (12 kap. 44 § fjärde stycket 1 jordabalken): åtagandet ska skriftligen ha
 * nått hyresvärden inom återvinningsfristen, och ett rekommenderat brev behöver några dagar.
 * Beslutet förfaller därför den inställda marginalen i vardagar (standard 2) före fristens sista
 * dag (0 = sista dagen). Vardag som i 2 § lag (1930:173): lördagar, söndagar, helgdagar och
 * midsommar-, jul- och nyårsafton räknas inte. Räknas om med fristen (samma grupp i berakna-frister).
 */
export function atagandeBeslut(atervinning: Frist, inst: Installningar = hamtaInstallningar()): Frist {
  if (atervinning.typ !== 'atervinningsfrist' || atervinning.sistaDag === undefined) {
    throw new FristError('OGILTIGT_DATUM', felText.ogiltigtDatum('återvinningsfrist', atervinning.typ));
  }
  const t = inst.atagande.beslutFore;
  const fristSlut = atervinning.sistaDag;
  const dag = t.varde === 0 ? fristSlut : vardagarFran(fristSlut, -t.varde);
  const text = beskrivTid(t);
  return {
    typ: 'atagandeBeslut',
    art: 'vagledning',
    benamning: 'Beslut om åtagande',
    ...dagfrist(dag),
    grund: [
      {
        handelse: 'atervinningsfristSistaDag',
        beskrivning: 'Återvinningsfristens sista dag',
        datum: fristSlut,
        styrande: true,
      },
    ],
    lagrum: ['jb-12-44-4-1', 'jb-12-44-1'],
    kalla: kallaFran(inst, 'atagande.beslutFore', text, t.kalla),
    forklaring: [
      `Återvinningsfristens sista dag är ${dagMedVeckodag(fristSlut)}; åtagandet ska ha nått hyresvärden skriftligen senast då.`,
      t.varde === 0
        ? 'Ingen marginal är inställd: beslutet förfaller fristens sista dag.'
        : `${text} före den är ${dagMedVeckodag(dag)} (lördagar, söndagar, helgdagar och midsommar-, jul- och nyårsafton räknas inte), så att det rekommenderade brevet hinner fram.`,
      `Beslutet om åtagande förfaller ${slutAvDagen(dag)}.`,
    ],
  };
}

export type AtagandeSkickatIndata = {
  /** När åtagandet skrevs (arkiverades) i Bokvar. */
  skrivet: DagEllerTidpunkt;
};

/**
 * Åtagandet ska vara skickat – markerat som skickat av registraturen eller en handläggare –
 * vid slutet av nästa vardag efter den dag det skrevs (lokal rutin, så att det rekommenderade
 * brevet hinner nå hyresvärden inom återvinningsfristen). Timern går då (senast: 00:00 dagen
 * efter den vardagen); samordnarens uppgift som skapas då förfaller vid slutet av vardagen därpå.
 */
export function atagandeSkickat(indata: AtagandeSkickatIndata): Frist {
  const skrivetDag = svensktDatum(indata.skrivet, 'skrivet');
  const nasta = vardagarFran(skrivetDag, 1);
  const uppgiftDag = vardagarFran(nasta, 1);
  return {
    typ: 'atagandeSkickat',
    slag: 'tidpunkt',
    art: 'vagledning',
    benamning: 'Åtagandet markerat som skickat',
    senast: startAvDagenEfter(nasta),
    forfaller: slutAvDagen(uppgiftDag),
    grund: [grund('brevSkrivet', 'Åtagandet skrevs och arkiverades i Bokvar', indata.skrivet, 'skrivet', undefined, true)],
    lagrum: ['jb-12-44-4-1'],
    forklaring: [
      `Åtagandet skrevs ${dagMedVeckodag(skrivetDag)}; nästa vardag är ${dagMedVeckodag(nasta)} (lördagar, söndagar, helgdagar och midsommar-, jul- och nyårsafton räknas inte).`,
      `Är det inte markerat som skickat när den dagen slutat (${startAvDagenEfter(nasta)}) får samordnarna en uppgift, som förfaller ${slutAvDagen(uppgiftDag)}.`,
    ],
  };
}
