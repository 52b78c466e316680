/**
 * Bokvars fristkalender – den publika ytan. Alla frister som processerna använder beräknas här,
 * i svensk tid (Europe/Stockholm), och lämnas som ISO 8601 med offset till Camunda.
 * Se docs/frister.md.
 */
export {
  ATERVINNINGSFRIST_VECKOR,
  FORHANDSBEDOMNING_BARN_DAGAR,
  VARDAGAR_FORE_AVHYSNINGSBESLUT,
  atagandeBeslut,
  atagandeSkickat,
  aktualisering,
  atervinningsfrist,
  avhysning,
  bekraftelseKronofogden,
  delgivningKontroll,
  forhandsbedomningBarn,
  forhandsbedomningVuxen,
  hushallKontroll,
  informeraHyresvarden,
  svarUppfoljning,
  tidigastAvhysningsbeslut,
  uppfoljning,
  uppgiftskontrollHotOmAvhysning,
  uppgiftskontrollKronofogden,
} from './berakna/index.ts';
export type {
  AktualiseringIndata,
  AtagandeSkickatIndata,
  AtervinningsfristIndata,
  AvhysningIndata,
  Barnkalla,
  BekraftelseKronofogdenIndata,
  DelgivningKontrollIndata,
  ForhandsbedomningBarnIndata,
  ForhandsbedomningIndata,
  ForlangningIndata,
  HushallKontrollIndata,
  InformeraHyresvardenIndata,
  SvarUppfoljningIndata,
  Tid,
  UppfoljningIndata,
  UppgiftskontrollIndata,
  UppgiftskontrollKronofogdenIndata,
} from './berakna/index.ts';
export { FRIST_GRUPPER, FRISTTYPER, fristgrupper, type FristGrupp } from './grupper.ts';
export { fristpost, type Frist, type FristTyp, type Forlangning, type Fristpost, type Grund, type InstallningsKalla } from './typer.ts';
export { FristError, type FristErrorCode } from './fel.ts';
export {
  FORSTA_AR,
  SISTA_AR,
  arHelgfri,
  ejVardagSkal,
  helgdag,
  helgdagar,
  helgdagarPa,
  nastaHelgfriaDag,
  paskdagen,
  vardagarFran,
  type Helgdag,
  type HelgdagSlag,
} from './helgdagar.ts';
export {
  MILJOVARIABEL,
  STANDARDFIL,
  anvandInstallningar,
  beskrivTid,
  glomInstallningar,
  hamtaInstallningar,
  installningsandringar,
  installningsversion,
  lasInstallningar,
  tolkaInstallningar,
  type Installningar,
  type Installningsandring,
  type KalenderTid,
} from './installningar.ts';
export { LAGRUM, LAGRUM_IDN, arLagrumId, citera, gallande, lagrum, type LagrumId, type LagrumSlag, type Lagrumspost } from './lagrum.ts';
export { isoMedOffset, plusDagar, plusManader, svensktDatum, veckodag, veckodagNr, type DagEllerTidpunkt, type Datum } from './tid.ts';
