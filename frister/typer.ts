import type { LagrumId } from './lagrum.ts';
import type { Datum } from './tid.ts';

export type FristTyp =
  | 'atervinningsfrist'
  | 'tidigastAvhysningsbeslut'
  | 'atagandeBeslut'
  | 'atagandeSkickat'
  | 'bekraftelseKronofogden'
  | 'bekraftelseKronofogdenEskalering'
  | 'forhandsbedomningPaminnelse'
  | 'forhandsbedomningEskalering'
  | 'aktualisering'
  | 'forhandsbedomningBarn'
  | 'avhysningNarvaro'
  | 'avhysningsdag'
  | 'avhysningPaminnelse'
  | 'uppfoljning'
  | 'svarUppfoljning'
  | 'hushallKontroll'
  | 'informeraHyresvarden'
  | 'delgivningKontroll'
  | 'delgivningKontrollEskalering'
  | 'uppgiftskontrollHotOmAvhysning'
  | 'uppgiftskontrollKronofogden';

/** Vad som startade fristen: vilket datum, vilken handling. */
export type Grund = {
  /** Kod för händelsen, t.ex. 'delgivning', 'mottagenUnderrattelse'. */
  handelse: string;
  /** Händelsen i klartext. */
  beskrivning: string;
  /** 'ÅÅÅÅ-MM-DD', eller ISO-tidpunkt med offset när klockslaget spelar roll. */
  datum: string;
  /** Handlingen (id eller rubrik), om den angavs. */
  dokument?: string;
  /** Sant för den händelse som avgjorde fristens start. */
  styrande: boolean;
};

/** En inställning från frister/installningar.json som bestämde tiden. */
export type InstallningsKalla = {
  /** Fältet i inställningsfilen, t.ex. 'forhandsbedomningVuxen.eskalering'. */
  installning: string;
  /** Värdet som användes, t.ex. '4 veckor' eller '14:00'. */
  varde: string;
  /** Källan som processägaren angett för värdet. */
  text: string;
  /** Filen inställningen lästes från. */
  fil: string;
};

export type Forlangning = {
  /** Det dokumenterade (särskilda eller synnerliga) skälet. */
  skal: string;
  /** Den nya tiden från starten, t.ex. '6 veckor'. */
  tid: string;
  ursprungligSistaDag: Datum;
  ursprungligSenast: string;
  beslutadAv?: string;
  beslutad?: string;
};

/**
 * En beräknad frist eller tidpunkt.
 *
 * slag 'frist': sistaDag är den sista dagen då åtgärden är i tid (inklusive);
 *   senast = 00:00 svensk tid dagen efter sistaDag (då fristen har löpt ut – timerns tidpunkt);
 *   forfaller = 23:59:59 svensk tid på sistaDag (förfallotid för användaruppgiften).
 * slag 'tidpunkt' (påminnelser, eskaleringar, uppföljning): ingen sistaDag;
 *   senast = tidpunkten då timern ska gå; forfaller = när uppgiften som skapas då förfaller.
 * Alla tidpunkter är ISO 8601 med offset ('2026-03-31T00:00:00+02:00'): direkt användbara som
 * Camundas timeDate och camunda:dueDate.
 */
export type Frist = {
  typ: FristTyp;
  slag: 'frist' | 'tidpunkt';
  /** 'lag' = tiden är fastställd i lag; 'vagledning' = handbok eller lokal rutin (inställning); 'information' = visas för handläggaren. */
  art: 'lag' | 'vagledning' | 'information';
  /** Benämning på svenska för UI och revision. */
  benamning: string;
  sistaDag?: Datum;
  senast: string;
  forfaller: string;
  grund: Grund[];
  /** Id:n i lagrumskatalogen (frister/lagrum.ts). */
  lagrum: LagrumId[];
  /** För tider som kommer från inställningarna: vilken inställning och dess källa. */
  kalla?: InstallningsKalla;
  forlangd?: Forlangning;
  /** Beräkningen steg för steg, på svenska – varför datumet blev som det blev. */
  forklaring: string[];
};
