/** Det fristslagen har gemensamt: grunder, kalendertid, förlängning och vardagar räknade från en uppgifts start. */
import { FristError, felText } from '../fel.ts';
import { vardagarFran } from '../helgdagar.ts';
import { type Installningar, type VardagsTid, beskrivTid } from '../installningar.ts';
import type { LagrumId } from '../lagrum.ts';
import {
  type DagEllerTidpunkt,
  type Datum,
  arDatumText,
  isoMedOffset,
  plusDagar,
  plusManader,
  slutAvDagen,
  startAvDagen,
  startAvDagenEfter,
  svensktDatum,
  tolkaTidpunkt,
  veckodag,
} from '../tid.ts';
import type { Forlangning, Frist, FristTyp, Grund, InstallningsKalla } from '../typer.ts';

export type Tid = { varde: number; enhet: 'dagar' | 'veckor' | 'manader' };

export function dagMedVeckodag(datum: Datum): string {
  return `${veckodag(datum)} ${datum}`;
}

/** Kalendertid från ett datum: dagar, veckor (samma veckodag) eller månader (samma dag i månaden). */
export function plusTid(datum: Datum, tid: Tid): Datum {
  if (tid.enhet === 'dagar') return plusDagar(datum, tid.varde);
  if (tid.enhet === 'veckor') return plusDagar(datum, 7 * tid.varde);
  return plusManader(datum, tid.varde);
}

export function dagfrist(sistaDag: Datum): Pick<Frist, 'slag' | 'sistaDag' | 'senast' | 'forfaller'> {
  return { slag: 'frist', sistaDag, senast: startAvDagenEfter(sistaDag), forfaller: slutAvDagen(sistaDag) };
}

/** Datum som text för grunden: bara datum om inget klockslag angavs, annars tidpunkten med offset (svensk tid). */
export function grundDatum(varde: DagEllerTidpunkt, falt: string): string {
  return arDatumText(varde) ? svensktDatum(varde, falt) : isoMedOffset(tolkaTidpunkt(varde, falt));
}

export function grund(
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

/** The ground every deadline counted from the notice's receipt shares: the day the case was opened. */
export function grundAktualiserad(indata: { mottagen: DagEllerTidpunkt; dokument?: string | undefined }): Grund {
  return grund(
    'mottagenUnderrattelse',
    'Socialnämnden tog emot underrättelsen (ärendet aktualiserades)',
    indata.mottagen,
    'mottagen',
    indata.dokument,
    true,
  );
}

export function kallaFran(inst: Installningar, installning: string, varde: string, text: string): InstallningsKalla {
  return { installning, varde, text, fil: inst.fil };
}

export function unika<T>(lista: T[]): T[] {
  return [...new Set(lista)];
}

export function kontrolleraTid(tid: Tid, falt: string): void {
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

export function forlang(
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

/**
 * A local routine counted from the day a task starts: the day the set number of working days
 * after it (the start day not counted; Saturdays, Sundays, public holidays and midsummer,
 * Christmas and New Year's eves not either), from 00:00 to the end of that day, Swedish time.
 */
export function vardagarEfterUppgiftensStart(
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
