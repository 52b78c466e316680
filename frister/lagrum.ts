/* eslint-disable max-lines -- a declarative catalogue: one entry per cited source, read entry by entry */
/**
 * Lagrumskatalogen – den ENDA listan över de lagrum, rättsfall och handboksavsnitt som Bokvar
 * citerar (i BPMN-dokumentation, brev, UI och fristberäkningar). En lagändring är en ändring här.
 * Lintregeln bokvar/legal-references (bpmnlint-plugin-bokvar, även i Camunda Modeler) läser katalogen
 * som JSON: kör `npm run bpmnlint-data` och `npm run modeler-plugin` efter en ändring (ett test påminner).
 *
 * `verifierad: false` betyder att hänvisningen inte har kunnat bekräftas mot en officiell källa;
 * den ska då visas som overifierad överallt där den citeras – använd `citera(id)`.
 * Alla texter ska stämmas av mot SFS (riksdagen.se / svenskforfattningssamling.se) före release.
 * Underlag: /work/shared/domain/lagrum.md (november 2026) och handboken.
 */

export type LagrumSlag = 'lag' | 'forordning' | 'rattsfall' | 'jo' | 'handbok';

export type Lagrumspost = {
  readonly id: string;
  /** Kort hänvisning på svenska, som den skrivs i brev och UI. */
  readonly kortform: string;
  /** Författningen, rättsfallet eller dokumentet i sin helhet. */
  readonly kalla: string;
  readonly sfs?: string;
  readonly url?: string;
  /** Vad bestämmelsen säger, i sammandrag (inte lagtext). */
  readonly sammanfattning: string;
  readonly slag: LagrumSlag;
  readonly verifierad: boolean;
  /** Varför posten inte är verifierad, eller annat att veta. */
  readonly anmarkning?: string;
  /**
   * Upphävd bestämmelse: de poster som gäller i stället. Modeller, formulär och brev citerar
   * aldrig en upphävd post (modellregeltestet); verktyget scripts/lagrum-i-modeller.ts skriver om
   * den till efterträdarna, och tidslinjen visar efterträdarna för äldre processversioner.
   */
  readonly ersattAv?: readonly string[];
};

const JB = 'Jordabalken (1970:994)';
const JB_URL = 'https://lagen.nu/1970:994';
const OSL = 'Offentlighets- och sekretesslagen (2009:400)';
const OSL_URL = 'https://lagen.nu/2009:400';
const SOL_GAMMAL = 'Socialtjänstlagen (2001:453) (upphävd 1 juli 2025)';
const SOL_GAMMAL_URL =
  'https://www.riksdagen.se/sv/dokument-lagar/dokument/svensk-forfattningssamling/socialtjanstlag-2001453_sfs-2001-453';
const NYTT_NUMMER_OVERIFIERAT =
  'Handboken citerar socialtjänstlagen (2001:453). Den ersattes 1 juli 2025 av socialtjänstlagen (2025:400); Bokvar citerar den nya bestämmelsen (ersattAv). Vilken ny bestämmelse som ersätter den gamla är bedömt efter ordalydelsen och inte verifierat mot förarbetena.';
const HANDBOK = 'Handbok för socialförvaltningarnas arbete med att förebygga avhysningar';
const SOL = 'Socialtjänstlagen (2025:400)';
const SOL_URL = 'https://lagen.nu/2025:400';
/** lagrum.md: numren och ordalydelsen är lästa i en avskrift av SFS 2025:400 (t.o.m. SFS 2025:1501). */
const SOL_AVSKRIFT = 'Läst i en avskrift av SFS 2025:400 med ändringar t.o.m. SFS 2025:1501; stäm av mot SFS före release.';
/** Kopplingen till handbokens gamla nummer är bedömd efter ordalydelsen, inte mot förarbetena. */
const ersatter = (gammal: string) =>
  `${SOL_AVSKRIFT} Ersätter ${gammal} i socialtjänstlagen (2001:453), som handboken citerar; kopplingen är bedömd efter ordalydelsen och inte verifierad mot prop. 2024/25:89.`;

// Ren data, en post per hänvisning: katalogen är därför filens längd (ingen logik att dela upp).
const poster = {
  'jb-12-42-1': {
    kortform: '12 kap. 42 § första stycket 1 jordabalken',
    kalla: JB,
    sfs: '1970:994',
    url: `${JB_URL}#K12P42`,
    sammanfattning: 'Hyresrätten är förverkad om hyran betalas senare än en vecka efter förfallodagen.',
    slag: 'lag',
    verifierad: true,
  },
  'jb-12-42-9': {
    kortform: '12 kap. 42 § första stycket 9 jordabalken',
    kalla: JB,
    sfs: '1970:994',
    url: `${JB_URL}#K12P42`,
    sammanfattning:
      'Hyresrätten är förverkad vid störningar eller bristande tillsyn när rättelse inte sker utan dröjsmål efter tillsägelse; uppsägning får inte ske förrän socialnämnden underrättats enligt 25 a §. Vid särskilt allvarliga störningar krävs ingen tillsägelse, men en kopia av uppsägningen ska skickas till socialnämnden.',
    slag: 'lag',
    verifierad: true,
    anmarkning: 'Punkt 9 sedan lag (2024:313), 1 juli 2024; äldre texter och handboken säger "punkt 6".',
  },
  'jb-12-25a': {
    kortform: '12 kap. 25 a § jordabalken',
    kalla: JB,
    sfs: '1970:994',
    url: `${JB_URL}#K12P25a`,
    sammanfattning: 'Vid störningar ska hyresvärden uppmana hyresgästen att se till att störningarna upphör och underrätta socialnämnden.',
    slag: 'lag',
    verifierad: true,
  },
  'jb-12-43': {
    kortform: '12 kap. 43 § jordabalken',
    kalla: JB,
    sfs: '1970:994',
    url: `${JB_URL}#K12P43`,
    sammanfattning:
      'Vidtar hyresgästen rättelse innan hyresvärden sagt upp avtalet får hyresgästen inte skiljas från lägenheten (gäller inte särskilt allvarliga störningar).',
    slag: 'lag',
    verifierad: true,
  },
  'jb-12-44-1': {
    kortform: '12 kap. 44 § första stycket jordabalken',
    kalla: JB,
    sfs: '1970:994',
    url: `${JB_URL}#K12P44`,
    sammanfattning:
      'Återvinningsfristen: hyresgästen får inte skiljas från lägenheten om hyran betalas inom tre veckor från den dag då både (a) hyresgästen delgetts underrättelse om att betalning ger hyresrätten tillbaka och (b) meddelande om uppsägningen och anledningen lämnats till socialnämnden – fristen löper alltså från den senare av de två dagarna. Ett bristfälligt meddelande till socialnämnden startar inte fristen.',
    slag: 'lag',
    verifierad: true,
  },
  'jb-12-44-2': {
    kortform: '12 kap. 44 § andra stycket jordabalken',
    kalla: JB,
    sfs: '1970:994',
    url: `${JB_URL}#K12P44`,
    sammanfattning: 'Beslut om avhysning får inte meddelas förrän ytterligare två vardagar har gått efter återvinningsfristens utgång.',
    slag: 'lag',
    verifierad: true,
    anmarkning:
      'Vad som räknas som vardag här (lördagar, midsommar-, jul- och nyårsafton) har inte verifierats; Bokvar räknar som 2 § lag (1930:173), se docs/frister.md.',
  },
  'jb-12-44-4-1': {
    kortform: '12 kap. 44 § fjärde stycket 1 jordabalken',
    kalla: JB,
    sfs: '1970:994',
    url: `${JB_URL}#K12P44`,
    sammanfattning:
      'Hyresgästen får också behålla lägenheten om socialnämnden inom återvinningsfristen skriftligen har meddelat hyresvärden att nämnden åtar sig betalningsansvaret för hyran (åtagandet).',
    slag: 'lag',
    verifierad: true,
  },
  'jb-12-44-5': {
    kortform: '12 kap. 44 § femte stycket jordabalken',
    kalla: JB,
    sfs: '1970:994',
    url: `${JB_URL}#K12P44`,
    sammanfattning: 'Bestämmelserna om återvinning gäller inte om hyresgästen ändå är skyldig att flytta inom mindre än en månad.',
    slag: 'lag',
    verifierad: true,
  },
  'nja-1985-s586': {
    kortform: 'NJA 1985 s. 586',
    kalla: 'Högsta domstolen, NJA 1985 s. 586',
    url: 'https://lagen.nu/dom/nja/1985s586',
    sammanfattning:
      'Ett bristfälligt meddelande till socialnämnden startar inte återvinningsfristen; fristen börjar löpa med det rättade meddelandet.',
    slag: 'rattsfall',
    verifierad: true,
  },
  'rh-1995-34': {
    kortform: 'RH 1995:34',
    kalla: 'Hovrättsavgörande RH 1995:34',
    sammanfattning: 'Ett meddelande till socialnämnden med fel belopp är bristfälligt och startar inte fristen.',
    slag: 'rattsfall',
    verifierad: true,
  },
  delgivningslagen: {
    kortform: 'delgivningslagen (2010:1932)',
    kalla: 'Delgivningslagen (2010:1932)',
    sfs: '2010:1932',
    url: 'https://lagen.nu/2010:1932',
    sammanfattning: 'Underrättelsen enligt 12 kap. 44 § jordabalken delges hyresgästen enligt delgivningslagen.',
    slag: 'lag',
    verifierad: true,
  },
  'forordning-1978-314': {
    kortform: 'förordning (1978:314)',
    kalla: 'Förordning (1978:314) om formulär för meddelande till socialnämnden',
    sfs: '1978:314',
    url: 'https://lagen.nu/1978:314',
    sammanfattning: 'Bestämmer formen för hyresvärdens meddelande till socialnämnden om uppsägning.',
    slag: 'forordning',
    verifierad: true,
    anmarkning: 'Förordningens fullständiga rubrik är inte avstämd.',
  },
  'lag-1930-173-1': {
    kortform: '1 § lag (1930:173) om beräkning av lagstadgad tid',
    kalla: 'Lag (1930:173) om beräkning av lagstadgad tid',
    sfs: '1930:173',
    url: 'https://lagen.nu/1930:173',
    sammanfattning:
      'En tid som anges i veckor slutar den dag i den sista veckan som har samma veckodagsnamn som den dag tiden räknas från.',
    slag: 'lag',
    verifierad: true,
  },
  'lag-1930-173-2': {
    kortform: '2 § lag (1930:173) om beräkning av lagstadgad tid',
    kalla: 'Lag (1930:173) om beräkning av lagstadgad tid',
    sfs: '1930:173',
    url: 'https://lagen.nu/1930:173',
    sammanfattning:
      'Infaller en frists sista dag på lördag, söndag eller annan allmän helgdag, midsommarafton, julafton eller nyårsafton får åtgärden göras nästa vardag.',
    slag: 'lag',
    verifierad: true,
  },
  'lag-1930-173-2-jb-12-44': {
    kortform: '2 § lag (1930:173), tillämpad på 12 kap. 44 § jordabalken',
    kalla: 'Lag (1930:173) om beräkning av lagstadgad tid',
    sfs: '1930:173',
    url: 'https://lagen.nu/1930:173',
    sammanfattning:
      'Återvinningsfristens sista dag flyttas till nästa vardag när den infaller på lördag, söndag, helgdag, midsommarafton, julafton eller nyårsafton.',
    slag: 'lag',
    verifierad: false,
    anmarkning:
      '12 kap. 44 § jordabalken hör inte till undantagen från lag (1930:173), men inget rättsfall har hittats som uttryckligen säger att 2 § gäller återvinningsfristen.',
  },
  'lag-1989-253': {
    kortform: 'lag (1989:253) om allmänna helgdagar',
    kalla: 'Lag (1989:253) om allmänna helgdagar',
    sfs: '1989:253',
    url: 'https://lagen.nu/1989:253',
    sammanfattning:
      'Allmänna helgdagar: söndagar, nyårsdagen, trettondedag jul, långfredagen, påskdagen, annandag påsk, Kristi himmelsfärdsdag, första maj, pingstdagen, nationaldagen, midsommardagen, alla helgons dag, juldagen och annandag jul.',
    slag: 'lag',
    verifierad: true,
  },
  'ub-16': {
    kortform: '16 kap. utsökningsbalken',
    kalla: 'Utsökningsbalken (1981:774)',
    sfs: '1981:774',
    url: 'https://lagen.nu/1981:774#K16',
    sammanfattning: 'Avhysning: Kronofogden underrättar hyresgästen, hyresvärden och socialtjänsten om dag och tid för avhysningen.',
    slag: 'lag',
    verifierad: true,
  },
  'ub-16-2': {
    kortform: '16 kap. 2 § utsökningsbalken',
    kalla: 'Utsökningsbalken (1981:774)',
    sfs: '1981:774',
    url: 'https://lagen.nu/1981:774#K16P2',
    sammanfattning: 'Innan avhysning sker ska svaranden beredas tillfälle att yttra sig.',
    slag: 'lag',
    verifierad: true,
  },
  'sof-5-4': {
    kortform: '5 kap. 4 § SoF',
    kalla: 'Socialtjänstförordningen, enligt handboken',
    url: 'https://www.riksdagen.se/sv/dokument-lagar/dokument/svensk-forfattningssamling/socialtjanstforordning-2001937_sfs-2001-937',
    sammanfattning:
      'Enligt handboken: socialtjänsten ska samma dag som den fått Kronofogdens besked bekräfta det och meddela ansvarig handläggare, med kopia till hyresgästen.',
    slag: 'forordning',
    verifierad: false,
    anmarkning:
      'Hänvisningen kommer från handboken och har inte kunnat hittas i de källor som nåtts; socialtjänstförordningen (2001:937) har dessutom ersatts av en ny förordning 2025. Bokvar följer handbokens rutin.',
  },
  'sol-2025-400-20-2': {
    kortform: '20 kap. 2 § socialtjänstlagen (2025:400)',
    kalla: 'Socialtjänstlagen (2025:400)',
    sfs: '2025:400',
    url: 'https://lagen.nu/2025:400',
    sammanfattning:
      'Efter en anmälan som rör ett barn ska socialnämnden inom 14 dagar besluta om utredning ska inledas (förhandsbedömning); tiden får förlängas bara om det finns synnerliga skäl.',
    slag: 'lag',
    verifierad: true,
  },
  'sol-2025-400-14-2': {
    kortform: '14 kap. 2 § socialtjänstlagen (2025:400)',
    kalla: SOL,
    sfs: '2025:400',
    url: SOL_URL,
    sammanfattning:
      'Får socialnämnden information om något som skulle kunna leda till en åtgärd av nämnden ska nämnden genast inleda en utredning.',
    slag: 'lag',
    verifierad: true,
    anmarkning: ersatter('11 kap. 1 §'),
  },
  'sol-2025-400-18-1': {
    kortform: '18 kap. 1 § socialtjänstlagen (2025:400)',
    kalla: SOL,
    sfs: '2025:400',
    url: SOL_URL,
    sammanfattning: 'Socialnämnden ska arbeta för att barn och unga växer upp under trygga och goda förhållanden.',
    slag: 'lag',
    verifierad: true,
    anmarkning: ersatter('5 kap. 1 §'),
  },
  'sol-2025-400-12-1': {
    kortform: '12 kap. 1 § socialtjänstlagen (2025:400)',
    kalla: SOL,
    sfs: '2025:400',
    url: SOL_URL,
    sammanfattning: 'Rätten till ekonomiskt bistånd för försörjningen (försörjningsstöd) och för livsföringen i övrigt.',
    slag: 'lag',
    verifierad: true,
    anmarkning: ersatter('4 kap. 1 § (ekonomiskt bistånd)'),
  },
  'sol-2025-400-11-1': {
    kortform: '11 kap. 1 § socialtjänstlagen (2025:400)',
    kalla: SOL,
    sfs: '2025:400',
    url: SOL_URL,
    sammanfattning: 'Rätten till andra insatser än ekonomiskt bistånd, t.ex. boendestöd eller hemtjänst.',
    slag: 'lag',
    verifierad: true,
    anmarkning: ersatter('4 kap. 1 § (andra insatser)'),
  },
  'sol-2025-400-33-2': {
    kortform: '33 kap. 2 § socialtjänstlagen (2025:400)',
    kalla: SOL,
    sfs: '2025:400',
    url: SOL_URL,
    sammanfattning:
      'Återkrav av ekonomiskt bistånd bara i de fall lagen anger, genom ett skriftligt beslut; för bistånd som beviljats före 1 juli 2025 gäller den gamla lagen.',
    slag: 'lag',
    verifierad: true,
    anmarkning: ersatter('9 kap. 2 §'),
  },
  'sol-2025-400-20-1': {
    kortform: '20 kap. 1 § socialtjänstlagen (2025:400)',
    kalla: SOL,
    sfs: '2025:400',
    url: SOL_URL,
    sammanfattning:
      'Efter en anmälan som rör ett barn ska socialnämnden genast bedöma om barnet är i behov av omedelbart skydd (skyddsbedömning).',
    slag: 'lag',
    verifierad: true,
    anmarkning: ersatter('11 kap. 1 a § första stycket'),
  },
  'sol-2025-400-20-3': {
    kortform: '20 kap. 3 § socialtjänstlagen (2025:400)',
    kalla: SOL,
    sfs: '2025:400',
    url: SOL_URL,
    sammanfattning: 'En utredning som rör ett barn ska vara slutförd inom fyra månader.',
    slag: 'lag',
    verifierad: true,
    anmarkning: ersatter('11 kap. 2 §'),
  },
  'sol-2025-400-20-7': {
    kortform: '20 kap. 7 § socialtjänstlagen (2025:400)',
    kalla: SOL,
    sfs: '2025:400',
    url: SOL_URL,
    sammanfattning: 'Socialnämnden får samtala med ett barn utan vårdnadshavarens samtycke och utan att vårdnadshavaren är närvarande.',
    slag: 'lag',
    verifierad: true,
    anmarkning: SOL_AVSKRIFT,
  },
  'sol-2025-400-19-1': {
    kortform: '19 kap. 1 § socialtjänstlagen (2025:400)',
    kalla: SOL,
    sfs: '2025:400',
    url: SOL_URL,
    sammanfattning:
      'Myndigheter och yrkesverksamma ska genast anmäla till socialnämnden om de får kännedom om eller misstänker att ett barn far illa (orosanmälan).',
    slag: 'lag',
    verifierad: true,
    anmarkning: `${ersatter('14 kap. 1 §')} Kretsen av anmälningsskyldiga skrevs om genom SFS 2025:1501 från 15 januari 2026.`,
  },
  'sol-2001-453-11-1': {
    kortform: '11 kap. 1 § SoL (2001:453)',
    kalla: SOL_GAMMAL,
    sfs: '2001:453',
    url: SOL_GAMMAL_URL,
    sammanfattning:
      'Socialnämnden ska utan dröjsmål inleda utredning av vad som kommit till nämndens kännedom och som kan föranleda någon åtgärd av nämnden.',
    slag: 'lag',
    verifierad: false,
    anmarkning: NYTT_NUMMER_OVERIFIERAT,
    ersattAv: ['sol-2025-400-14-2'],
  },
  'sol-2001-453-5-1': {
    kortform: '5 kap. 1 § SoL (2001:453)',
    kalla: SOL_GAMMAL,
    sfs: '2001:453',
    url: SOL_GAMMAL_URL,
    sammanfattning: 'Socialnämndens ansvar för att barn och unga växer upp under trygga och goda förhållanden.',
    slag: 'lag',
    verifierad: false,
    anmarkning: NYTT_NUMMER_OVERIFIERAT,
    ersattAv: ['sol-2025-400-18-1'],
  },
  'sol-2001-453-9-2': {
    kortform: '9 kap. 2 § SoL (2001:453)',
    kalla: SOL_GAMMAL,
    sfs: '2001:453',
    url: SOL_GAMMAL_URL,
    sammanfattning: 'Ekonomiskt bistånd som ges mot återkrav.',
    slag: 'lag',
    verifierad: false,
    anmarkning: NYTT_NUMMER_OVERIFIERAT,
    ersattAv: ['sol-2025-400-33-2'],
  },
  'sol-2001-453-4-1': {
    kortform: '4 kap. 1 § SoL (2001:453)',
    kalla: SOL_GAMMAL,
    sfs: '2001:453',
    url: SOL_GAMMAL_URL,
    sammanfattning: 'Rätten till bistånd för försörjning och livsföring i övrigt.',
    slag: 'lag',
    verifierad: false,
    anmarkning: NYTT_NUMMER_OVERIFIERAT,
    ersattAv: ['sol-2025-400-12-1', 'sol-2025-400-11-1'],
  },
  'osl-26-1': {
    kortform: '26 kap. 1 § offentlighets- och sekretesslagen',
    kalla: OSL,
    sfs: '2009:400',
    url: `${OSL_URL}#K26P1`,
    sammanfattning: 'Sekretess inom socialtjänsten för uppgifter om enskildas personliga förhållanden (omvänt skaderekvisit).',
    slag: 'lag',
    verifierad: true,
  },
  'osl-12-2': {
    kortform: '12 kap. 2 § offentlighets- och sekretesslagen',
    kalla: OSL,
    sfs: '2009:400',
    url: `${OSL_URL}#K12P2`,
    sammanfattning: 'Den enskilde kan helt eller delvis häva sekretess som gäller till skydd för honom eller henne (samtycke).',
    slag: 'lag',
    verifierad: true,
  },
  'osl-10-1': {
    kortform: '10 kap. 1 § offentlighets- och sekretesslagen',
    kalla: OSL,
    sfs: '2009:400',
    url: `${OSL_URL}#K10P1`,
    sammanfattning:
      'Sekretess hindrar inte att en uppgift lämnas till den enskilde själv; citeras i handboken tillsammans med 12 kap. 2 §.',
    slag: 'lag',
    verifierad: true,
  },
  'osl-26-9': {
    kortform: '26 kap. 9 § offentlighets- och sekretesslagen',
    kalla: OSL,
    sfs: '2009:400',
    url: `${OSL_URL}#K26P9`,
    sammanfattning:
      'Vissa uppgifter får lämnas mellan myndigheter inom socialtjänsten utan samtycke; handläggaren antecknar grunden när den används.',
    slag: 'lag',
    verifierad: true,
  },
  'rf-2-6': {
    kortform: '2 kap. 6 § regeringsformen',
    kalla: 'Regeringsformen (1974:152)',
    sfs: '1974:152',
    url: 'https://lagen.nu/1974:152#K2P6',
    sammanfattning: 'Skydd mot husrannsakan och liknande intrång; hembesök kräver verkligt samtycke för att gå in.',
    slag: 'lag',
    verifierad: true,
  },
  'jo-7595-2016': {
    kortform: 'JO 7595-2016',
    kalla: 'Justitieombudsmannens beslut, dnr 7595-2016',
    sammanfattning: 'Hembesök kräver den enskildes verkliga samtycke för att socialtjänsten ska få gå in i bostaden.',
    slag: 'jo',
    verifierad: true,
  },
  'handbok-forhandsbedomning': {
    kortform: 'Handboken, "Hur länge får en aktualisering vara öppen?"',
    kalla: HANDBOK,
    sammanfattning:
      'Riktmärke: en förhandsbedömning bör inte pågå längre än cirka två till fyra veckor om det inte finns särskilda skäl (t.ex. svårt att få kontakt, invänta återvinningsfrist, motiverande kontakter). Ingen lagstadgad tidsgräns för vuxna.',
    slag: 'handbok',
    verifierad: true,
  },
  'handbok-bekraftelse-kronofogden': {
    kortform: 'Handboken, checklista vid information om avhysning från Kronofogden, punkt 5',
    kalla: HANDBOK,
    sammanfattning:
      'Socialtjänsten ska samma dag som den tagit emot Kronofogdens besked skicka en bekräftelse till Kronofogden med ansvarig handläggare, och en kopia till hyresgästen.',
    slag: 'handbok',
    verifierad: true,
  },
  'handbok-checklista-kronofogden': {
    kortform: 'Handboken, checklista vid information om avhysning från Kronofogden',
    kalla: HANDBOK,
    sammanfattning:
      'Handbokens rutin när Kronofogden har meddelat dag och tid för en avhysning: ta emot beskedet, kontrollera folkbokföringen och om hyresgästen är aktuell, bekräfta samma dag, följ steg 5–8 och samordna med ett pågående ärende om hot om avhysning.',
    slag: 'handbok',
    verifierad: true,
    anmarkning:
      'Kronofogdens underrättelse till socialnämnden grundas på 16 kap. utsökningsbalken; 16 kap. 2 § (hyresgästens tillfälle att yttra sig) styr inget steg som socialtjänsten tar.',
  },
  'handbok-narvaro-avhysning': {
    kortform: 'Handboken, "När avhysningen är ett faktum", punkt 3 Närvara vid avhysning',
    kalla: HANDBOK,
    sammanfattning:
      'Socialtjänsten ska alltid närvara vid en avhysning om inte annat bedömts i samråd med Kronofogden; normalt återstår ungefär en vecka när socialtjänsten får beskedet.',
    slag: 'handbok',
    verifierad: true,
  },
  'handbok-uppfoljning': {
    kortform: 'Handboken, punkt 9 "Uppföljning – fortsatt kontakt när avhysning avvärjts" och "Uppföljning efter avhysning"',
    kalla: HANDBOK,
    sammanfattning:
      'Inför avslut görs en individuell bedömning av behovet av uppföljning; uppföljning av vuxna kräver samtycke. Handboken anger ingen tid – tiden är lokal rutin.',
    slag: 'handbok',
    verifierad: true,
  },
} as const satisfies Record<string, Omit<Lagrumspost, 'id'>>;

export type LagrumId = keyof typeof poster;

/** Hela katalogen, id → post. */
export const LAGRUM: Readonly<Record<LagrumId, Lagrumspost>> = Object.freeze(
  Object.fromEntries(Object.entries(poster).map(([id, p]) => [id, Object.freeze({ id, ...p })])) as Record<LagrumId, Lagrumspost>,
);

export const LAGRUM_IDN = Object.freeze(Object.keys(poster) as LagrumId[]);

export function arLagrumId(id: string): id is LagrumId {
  return Object.hasOwn(poster, id);
}

export function lagrum(id: LagrumId): Lagrumspost {
  return LAGRUM[id];
}

/**
 * De poster som gäller i stället för `id`: efterträdarna till en upphävd post, annars posten själv.
 * Äldre processversioner och fristunderlag kan bära en upphävd post; den visas som gällande rätt.
 */
export function gallande(id: LagrumId): LagrumId[] {
  const ersattAv = (LAGRUM[id] as Lagrumspost).ersattAv;
  return ersattAv ? ersattAv.filter(arLagrumId).flatMap(gallande) : [id];
}

/** Hänvisningen som den ska skrivas ut; overifierade poster märks alltid. */
export function citera(id: LagrumId): string {
  const p = LAGRUM[id];
  return p.verifierad ? p.kortform : `${p.kortform} (ej verifierad)`;
}
