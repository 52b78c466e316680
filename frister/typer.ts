import { z } from 'zod';
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
  /**
   * Inställningsversionen (hash av frister/installningar.json, installningar.ts) som gällde när
   * fristen beräknades; arbetaren berakna-frister sätter den på varje frist den beräknar.
   */
  installningsversion?: string;
  /** Beräkningen steg för steg, på svenska – varför datumet blev som det blev. */
  forklaring: string[];
};

const isoDatum = z.iso.date();
const isoTidpunkt = z.iso.datetime({ offset: true });

/**
 * En post i processvariabeln `fristunderlag` (typ -> Frist), läst tillbaka från motorn: en `Frist`
 * som berakna-frister skrev. Alla som läser fristunderlag tolkar posten med det här schemat och
 * väljer de fält de behöver (`fristpost.pick(...)`, i UI:t även `.partial()`). Fält som schemat inte
 * känner följer med oförändrade. `typ` och `lagrum` är text, inte de kända värdena: en post som
 * sparats av en äldre version kan ha en typ eller ett lagrum som senare tagits bort.
 * Varje beräknad Frist är en giltig Fristpost (test/unit/frister/fristpost.test.ts).
 */
export const fristpost = z.looseObject({
  typ: z.string(),
  slag: z.enum(['frist', 'tidpunkt']),
  art: z.enum(['lag', 'vagledning', 'information']),
  benamning: z.string(),
  sistaDag: isoDatum.optional(),
  senast: isoTidpunkt,
  forfaller: isoTidpunkt,
  grund: z.array(
    z.looseObject({
      handelse: z.string(),
      beskrivning: z.string(),
      datum: z.union([isoDatum, isoTidpunkt]),
      dokument: z.string().optional(),
      styrande: z.boolean(),
    }),
  ),
  lagrum: z.array(z.string()),
  kalla: z.looseObject({ installning: z.string(), varde: z.string(), text: z.string(), fil: z.string() }).optional(),
  forlangd: z
    .looseObject({
      skal: z.string(),
      tid: z.string(),
      ursprungligSistaDag: isoDatum,
      ursprungligSenast: isoTidpunkt,
      beslutadAv: z.string().optional(),
      beslutad: z.union([isoDatum, isoTidpunkt]).optional(),
    })
    .optional(),
  /** Saknas i poster från före inställningsversionerna. */
  installningsversion: z.string().optional(),
  forklaring: z.array(z.string()),
});

export type Fristpost = z.infer<typeof fristpost>;
