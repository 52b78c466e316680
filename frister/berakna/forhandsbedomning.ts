/** Förhandsbedömning: vuxen (handbokens riktmärke, inställningar) och efter anmälan som rör barn (lag). */
import type { Barnkalla } from '../../domain/barnkallor.ts';
import { arHelgfri, ejVardagSkal } from '../helgdagar.ts';
import { type Installningar, beskrivTid, hamtaInstallningar } from '../installningar.ts';
import type { LagrumId } from '../lagrum.ts';
import { type DagEllerTidpunkt, startAvDagenEfter, svensktDatum } from '../tid.ts';
import type { Forlangning, Frist } from '../typer.ts';
import { type ForlangningIndata, dagMedVeckodag, dagfrist, forlang, grund, grundAktualiserad, kallaFran, plusTid } from './gemensamt.ts';

/** Förhandsbedömning efter anmälan som rör barn: 14 dagar (20 kap. 2 § SoL 2025:400). */
export const FORHANDSBEDOMNING_BARN_DAGAR = 14;

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
  const g = grundAktualiserad(indata);
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
  const forklaring = [`${beskrivTid(e)} från mottagandet ${dagMedVeckodag(start)}: ${dagMedVeckodag(ordinarie)}.`];
  let sistaDag = ordinarie;
  let forlangd: Forlangning | undefined;
  if (indata.forlangning) {
    ({ sistaDag, forlangd } = forlang(start, ordinarie, beskrivTid(e), indata.forlangning));
    forklaring.push(`Förlängd till ${forlangd.tid} från mottagandet, ${dagMedVeckodag(sistaDag)}, av särskilt skäl: ${forlangd.skal}.`);
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

/** Hur socialnämnden fick kännedom om barnet (barnUpptackter i processerna, domain/barnkallor.ts). */
export type { Barnkalla };

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
  const forklaring = [`14 dagar från ${fran} ${dagMedVeckodag(start)}: ${dagMedVeckodag(ordinarie)} (20 kap. 2 § SoL 2025:400).`];
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
