/* eslint-disable max-lines -- the measures are a declarative list, one entry per legal requirement with its reference */
import { citera, type LagrumId } from '../../../frister/lagrum.ts';
import { PROCESSNYCKLAR, type ProcessKey } from '../../../domain/processer.ts';
import { dagensSlut, svensktDatum } from '../../../domain/svensk-tid.ts';
import { andel, kalenderdagar, median, percentil } from './statistik.ts';
import type { Arendefakta, Kontaktfakta, Kontaktslag, Matt, MattId, Rad } from './types.ts';

/**
 * The compliance report's measures, pure: each classifies the facts of every
 * case into the measure's rows and key figures. docs/efterlevnad.md states
 * each definition in words; the unit tests pin them. One function per
 * measure, in the report's order (beraknaMatt at the end lists them).
 */

/**
 * The landlord-contact grounds that need no consent: the outputs of
 * bpmn/kontakt-med-hyresvard.dmn where samtyckeKravs is false (a unit test
 * keeps the two in step). Any other ground must be a registered consent.
 */
export const GRUNDER_UTAN_SAMTYCKE = ['hyresvarden-underrattade', 'storningsjouren-underrattade'] as const;

export const MATT_IDN: readonly MattId[] = [
  'bekraftelse-kronofogden',
  'atervinningsfrist',
  'forhandsbedomning',
  'barn-och-unga-involverade',
  'narvaro-barnfamiljer',
  'barnutredning-14-dagar',
  'kontakter-utan-grund',
  'forsta-kontakt',
  'brev-ej-skickade',
];

interface Radmall {
  id: string;
  text: string;
  skaVaraNoll?: boolean;
}

/** Rows in a fixed order, each with its cases; a case goes to exactly the row `klass` names (or none). */
function rader<T>(
  mallar: Radmall[],
  poster: T[],
  klass: (p: T) => string | null,
  nummer: (p: T) => string,
): { rader: Rad[]; population: number } {
  const perRad = new Map<string, Set<string>>(mallar.map((m) => [m.id, new Set()]));
  const antal = new Map<string, number>(mallar.map((m) => [m.id, 0]));
  let population = 0;
  for (const p of poster) {
    const id = klass(p);
    if (id === null) continue;
    if (!perRad.has(id)) throw new Error(`Okänd rad ${id}`);
    population += 1;
    antal.set(id, antal.get(id)! + 1);
    perRad.get(id)!.add(nummer(p));
  }
  return {
    population,
    rader: mallar.map((m) => {
      const n = antal.get(m.id)!;
      return {
        id: m.id,
        text: m.text,
        antal: n,
        andel: andel(n, population),
        skaVaraNoll: m.skaVaraNoll ?? false,
        avvikelse: (m.skaVaraNoll ?? false) && n > 0,
        arenden: [...perRad.get(m.id)!].sort(),
      };
    }),
  };
}

const lagrum = (...idn: LagrumId[]) => idn.map(citera);
const hasText = (s: string | null | undefined) => typeof s === 'string' && s.trim() !== '';
const ms = (iso: string) => Date.parse(iso);

function bekraftelseKronofogden(fakta: Arendefakta[], nu: Date): Matt {
  const kf = fakta.filter((f) => f.processKey === 'kronofogden-avhysning');
  const { rader: r, population } = rader(
    [
      { id: 'samma-dag', text: 'Bekräftad samma dag' },
      { id: 'senare', text: 'Bekräftad, men inte samma dag', skaVaraNoll: true },
      { id: 'ej-skickad', text: 'Bekräftelsen skriven men inte markerad som skickad, och dagen har passerat', skaVaraNoll: true },
      { id: 'ej-bekraftad', text: 'Inte bekräftad, och dagen har passerat', skaVaraNoll: true },
      { id: 'pagar', text: 'Inte bekräftad ännu, dagen pågår' },
    ],
    kf,
    (f) => {
      // counted on when the letter was sent: written is not confirmed
      const skickad = f.bekraftelseTillKronofogden?.skickad;
      if (skickad) return svensktDatum(skickad) === svensktDatum(f.mottagen) ? 'samma-dag' : 'senare';
      if (nu < dagensSlut(svensktDatum(f.mottagen))) return 'pagar';
      return f.bekraftelseTillKronofogden ? 'ej-skickad' : 'ej-bekraftad';
    },
    (f) => f.arendenummer,
  );
  const avgjorda = population - r.find((x) => x.id === 'pagar')!.antal;
  const sammaDag = r.find((x) => x.id === 'samma-dag')!.antal;
  const share = andel(sammaDag, avgjorda);
  return {
    id: 'bekraftelse-kronofogden',
    rubrik: 'Bekräftelse till Kronofogden samma dag',
    definition:
      'Kronofogdens besked om avhysning ska bekräftas samma dag. Samma dag: bekräftelsebrevet till Kronofogden markerades som skickat samma kalenderdag, svensk tid, som beskedet togs emot (att det skrevs räcker inte).',
    enhet: 'arenden',
    processer: ['kronofogden-avhysning'],
    lagrum: lagrum('handbok-bekraftelse-kronofogden', 'sof-5-4'),
    population,
    rader: r,
    nyckeltal: [
      {
        id: 'andel-samma-dag',
        text: 'Andel bekräftade samma dag (av ärenden vars dag har passerat)',
        varde: share,
        enhet: 'procent',
        mal: 100,
        avvikelse: share !== null && share < 100,
      },
    ],
  };
}

function atervinning(fakta: Arendefakta[]): Matt {
  const { rader: r, population } = rader(
    [
      { id: 'hyran-betald', text: 'Hyran betald inom fristen' },
      { id: 'atagande-i-tid', text: 'Åtagande om betalningsansvar skickat i tid' },
      { id: 'atagande-efter-frist', text: 'Åtagande skickat efter fristen', skaVaraNoll: true },
      { id: 'atagande-ej-skickat', text: 'Åtagande skrivet men inte markerat som skickat', skaVaraNoll: true },
      { id: 'inget-atagande', text: 'Beslut inom fristen: inget åtagande' },
      { id: 'fristen-lopte-ut', text: 'Fristen löpte ut utan beslut' },
      { id: 'pagar', text: 'Fristen löper, eller åtagandebrevet väntar' },
      {
        id: 'frist-saknas',
        text: 'Uppsägning för obetald hyra utan fastställd återvinningsfrist (delgivningsdatum saknas)',
        skaVaraNoll: true,
      },
    ],
    // Only unpaid rent has a period (12 kap. 44 § JB); a case without a recorded ground counts if it has one.
    fakta.filter((f) => f.processKey === 'hot-om-avhysning' && (f.orsak === 'obetald-hyra' || (f.orsak === null && f.atervinningsfrist))),
    (f) => {
      if (!f.atervinningsfrist) return 'frist-saknas';
      if (f.atagandebrev.length > 0) {
        // counted on when the letter was sent, against the period it served
        const skickade = f.atagandebrev.filter((b) => b.skickad !== null);
        if (skickade.length === 0) return 'atagande-ej-skickat';
        return skickade.some((b) => skickatITid(b)) ? 'atagande-i-tid' : 'atagande-efter-frist';
      }
      if (f.atervinningsbeslut === 'hyran-betald') return 'hyran-betald';
      if (f.atervinningsbeslut === 'inget-atagande') return 'inget-atagande';
      if (f.atervinningsfristenLoptUt) return 'fristen-lopte-ut';
      return 'pagar';
    },
    (f) => f.arendenummer,
  );
  return {
    id: 'atervinningsfrist',
    rubrik: 'Återvinningsfristen: utfall',
    definition:
      'Ärenden om uppsägning för obetald hyra, efter utfall. Åtagandet räknas när det markerades som skickat, inte när det skrevs: skickat efter fristens sista dag (00:00 svensk tid dagen efter), skrivet men inte markerat som skickat, eller en frist som aldrig fastställdes för att delgivningsdatum saknas ska inte förekomma.',
    enhet: 'arenden',
    processer: ['hot-om-avhysning'],
    lagrum: lagrum('jb-12-44-1', 'jb-12-44-4-1', 'lag-1930-173-2-jb-12-44'),
    population,
    rader: r,
    nyckeltal: [],
  };
}

/** Sent before the end of the period the letter served (a letter without a recorded period: not written after it). */
function skickatITid(b: Arendefakta['atagandebrev'][number]): boolean {
  if (b.fristSenast) return ms(b.skickad!) < ms(b.fristSenast);
  return !b.efterFrist;
}

function brevEjSkickade(fakta: Arendefakta[]): Matt {
  const brev = fakta.flatMap((f) => f.brev.map((b) => ({ f, b })));
  const { rader: r, population } = rader(
    [
      { id: 'skickade', text: 'Markerade som skickade' },
      { id: 'ej-skickade', text: 'Skrivna men inte markerade som skickade', skaVaraNoll: true },
    ],
    brev,
    ({ b }) => (b.skickad ? 'skickade' : 'ej-skickade'),
    ({ f }) => f.arendenummer,
  );
  const ej = r.find((x) => x.id === 'ej-skickade')!.antal;
  return {
    id: 'brev-ej-skickade',
    rubrik: 'Brev skrivna men inte skickade',
    definition:
      'Bokvar skriver och arkiverar breven; registraturen skickar dem och markerar dem som skickade (eller en handläggare på ärendesidan). Ett brev som är skrivet men inte markerat som skickat är en avvikelse tills det markeras.',
    enhet: 'brev',
    processer: [...PROCESSNYCKLAR],
    lagrum: lagrum('jb-12-44-4-1', 'handbok-bekraftelse-kronofogden'),
    population,
    rader: r,
    nyckeltal: [{ id: 'ej-skickade', text: 'Brev inte markerade som skickade', varde: ej, enhet: 'antal', mal: 0, avvikelse: ej > 0 }],
  };
}

/** Four weeks from reception when the case does not carry its own limit (the calendar's default). */
function fyraVeckorFran(mottagen: string): Date {
  const d = new Date(`${svensktDatum(mottagen)}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 28);
  return dagensSlut(d.toISOString().slice(0, 10));
}

function forhandsbedomning(fakta: Arendefakta[], nu: Date): Matt {
  const dagar: Record<string, number> = {};
  const { rader: r, population } = rader(
    [
      { id: 'inom-4-veckor', text: 'Avslutad inom fyra veckor' },
      { id: 'over-4-veckor-med-skal', text: 'Över fyra veckor, särskilda skäl registrerade' },
      { id: 'over-4-veckor-utan-skal', text: 'Över fyra veckor, inga särskilda skäl registrerade', skaVaraNoll: true },
      { id: 'pagar', text: 'Pågår, inom fyra veckor' },
      { id: 'avslutat-utan-beslut', text: 'Ärendet avslutat utan beslut om utredning' },
    ],
    fakta,
    (f) => {
      const slut = f.forhandsbedomningSlut;
      if (slut) dagar[f.arendenummer] = kalenderdagar(f.mottagen, slut);
      else if (f.avslutat) return 'avslutat-utan-beslut';
      const grans = f.forhandsbedomningGrans ? new Date(f.forhandsbedomningGrans) : fyraVeckorFran(f.mottagen);
      const over = (slut ? new Date(slut) : nu) >= grans;
      if (over) return hasText(f.sarskildaSkal) ? 'over-4-veckor-med-skal' : 'over-4-veckor-utan-skal';
      return slut ? 'inom-4-veckor' : 'pagar';
    },
    (f) => f.arendenummer,
  );
  const langder = Object.values(dagar);
  return {
    id: 'forhandsbedomning',
    rubrik: 'Förhandsbedömningens längd',
    definition:
      'Från mottagandet till beslutet om utredning ("Besluta om utredning" klar), i kalenderdagar svensk tid. Riktmärket är högst cirka fyra veckor om inte särskilda skäl har registrerats.',
    enhet: 'arenden',
    processer: [...PROCESSNYCKLAR],
    lagrum: lagrum('handbok-forhandsbedomning', 'sol-2025-400-14-2'),
    population,
    rader: r,
    nyckeltal: [
      { id: 'avslutade', text: 'Avslutade förhandsbedömningar', varde: langder.length, enhet: 'antal', avvikelse: false },
      { id: 'median', text: 'Median (dagar)', varde: median(langder), enhet: 'dagar', avvikelse: false },
      { id: 'p90', text: '90:e percentilen (dagar)', varde: percentil(langder, 90), enhet: 'dagar', avvikelse: false },
    ],
    dagar,
  };
}

function barnOchUngaInvolverade(fakta: Arendefakta[]): Matt {
  const { rader: r, population } = rader(
    [
      { id: 'involverade', text: 'Barn och unga involverade' },
      { id: 'ej-involverade', text: 'Barn och unga inte involverade', skaVaraNoll: true },
    ],
    fakta.filter((f) => f.barnBerors),
    (f) => (f.barnOchUngaInvolverade ? 'involverade' : 'ej-involverade'),
    (f) => f.arendenummer,
  );
  const share = andel(r[0]!.antal, population);
  return {
    id: 'barn-och-unga-involverade',
    rubrik: 'Barn och unga involverade när barn berörs',
    definition:
      'Ärenden där någon källa (anmälaren, folkbokföringen, hyresvärden eller handläggaren) visar att barn berörs. Involverade: processen barn-och-unga har startats för ärendet. Ska vara 100 %.',
    enhet: 'arenden',
    processer: [...PROCESSNYCKLAR],
    lagrum: lagrum('sol-2025-400-18-1', 'sol-2025-400-20-2'),
    population,
    rader: r,
    nyckeltal: [
      {
        id: 'andel-involverade',
        text: 'Andel med barn och unga involverade',
        varde: share,
        enhet: 'procent',
        mal: 100,
        avvikelse: share !== null && share < 100,
      },
    ],
  };
}

function narvaroBarnfamiljer(fakta: Arendefakta[]): Matt {
  const { rader: r, population } = rader(
    [
      { id: 'narvarade', text: 'Barn och unga närvarade' },
      { id: 'ej-narvaro-med-skal', text: 'Närvarade inte, skäl avstämt med Kronofogden' },
      { id: 'ingen-registrering', text: 'Varken närvaro eller avstämt skäl registrerat', skaVaraNoll: true },
    ],
    fakta.filter((f) => f.processKey === 'kronofogden-avhysning' && f.avhysningGenomford && f.barnBerors),
    (f) => {
      const n = f.narvaroBarnOchUnga;
      if (n?.narvarade) return 'narvarade';
      if (n && hasText(n.skal) && n.avstamtMedKronofogden) return 'ej-narvaro-med-skal';
      return 'ingen-registrering';
    },
    (f) => f.arendenummer,
  );
  return {
    id: 'narvaro-barnfamiljer',
    rubrik: 'Närvaro vid avhysning av barnfamiljer',
    definition:
      'Genomförda avhysningar där barn berörs: närvarade barn och unga, eller registrerades ett skäl att inte närvara som stämts av med Kronofogden?',
    enhet: 'arenden',
    processer: ['kronofogden-avhysning'],
    lagrum: lagrum('handbok-narvaro-avhysning', 'sol-2025-400-18-1'),
    population,
    rader: r,
    nyckeltal: [],
  };
}

function barnutredning(fakta: Arendefakta[], nu: Date): Matt {
  const { rader: r, population } = rader(
    [
      { id: 'i-tid', text: 'Beslut inom 14 dagar' },
      { id: 'for-sent', text: 'Beslut efter 14 dagar', skaVaraNoll: true },
      { id: 'ej-beslutad-fristen-passerad', text: 'Inget beslut, fristen har passerat', skaVaraNoll: true },
      { id: 'pagar', text: 'Inget beslut ännu, inom fristen' },
    ],
    fakta.filter((f) => f.barnutredning !== null),
    (f) => {
      const { grans, beslutad } = f.barnutredning!;
      if (beslutad) return grans && ms(beslutad) >= ms(grans) ? 'for-sent' : 'i-tid';
      return grans && nu.getTime() >= ms(grans) ? 'ej-beslutad-fristen-passerad' : 'pagar';
    },
    (f) => f.arendenummer,
  );
  return {
    id: 'barnutredning-14-dagar',
    rubrik: 'Beslut om barnutredning inom 14 dagar',
    definition:
      'Förhandsbedömningen av barnets situation ("Bedöm behov av barnutredning") ska avgöras inom 14 dagar från att socialtjänsten fick kännedom om barnet (den första upptäckten: anmälan, folkbokföringen, hyresvärden eller handläggaren; utan registrerad upptäckt från mottagandet); fristen har löpt ut 00:00 svensk tid dagen efter den fjortonde dagen.',
    enhet: 'arenden',
    processer: [...PROCESSNYCKLAR],
    lagrum: lagrum('sol-2025-400-20-2'),
    population,
    rader: r,
    nyckeltal: [],
  };
}

const KONTAKTSLAG: Record<Kontaktslag, { text: string; mottagare: (m: string) => boolean; utanSamtycke: readonly string[] }> = {
  'kontakt-hyresvard': { text: 'Kontakt med hyresvärden', mottagare: (m) => m === 'hyresvard', utanSamtycke: GRUNDER_UTAN_SAMTYCKE },
  'information-hyresvard': { text: 'Information till hyresvärden', mottagare: (m) => m === 'hyresvard', utanSamtycke: [] },
  'kontakt-annan-forvaltning': {
    text: 'Kontakt med annan förvaltning',
    mottagare: (m) => m.startsWith('annan-forvaltning'),
    utanSamtycke: [],
  },
};

/**
 * Does the contact rest on a recorded basis? Either a ground that needs no
 * consent (the landlord reported the case himself), or samtycke:<id> naming a
 * consent in the register, given by this tenant, to this kind of recipient, no
 * later than the day of the contact.
 */
export function harGrund(k: Kontaktfakta): boolean {
  const slag = KONTAKTSLAG[k.slag];
  if (!hasText(k.grund)) return false;
  if (slag.utanSamtycke.includes(k.grund!)) return true;
  const id = /^samtycke:(.+)$/.exec(k.grund!)?.[1];
  if (!id || id === 'null' || id === 'undefined') return false;
  const s = k.samtycke;
  return !!s && s.sammaPerson && s.mottagare.some(slag.mottagare) && svensktDatum(s.lamnat) <= svensktDatum(k.tid);
}

function kontakterUtanGrund(fakta: Arendefakta[]): Matt {
  const slagen = Object.keys(KONTAKTSLAG) as Kontaktslag[];
  const mallar = slagen.flatMap((s) => [
    { id: `${s}-med-grund`, text: `${KONTAKTSLAG[s].text}: med registrerad grund` },
    { id: `${s}-utan-grund`, text: `${KONTAKTSLAG[s].text}: utan registrerad grund`, skaVaraNoll: true },
  ]);
  const kontakter = fakta.flatMap((f) => f.kontakter.map((k) => ({ f, k })));
  const { rader: r, population } = rader(
    mallar,
    kontakter,
    ({ k }) => `${k.slag}-${harGrund(k) ? 'med' : 'utan'}-grund`,
    ({ f }) => f.arendenummer,
  );
  const utan = r.filter((x) => x.skaVaraNoll).reduce((n, x) => n + x.antal, 0);
  return {
    id: 'kontakter-utan-grund',
    rubrik: 'Kontakter och utlämnanden utan registrerad grund',
    definition:
      'Varje kontakt med hyresvärden, information till hyresvärden och kontakt med annan förvaltning ska vila på en registrerad grund: samtycke i samtyckesregistret, eller att hyresvärden själv underrättade. Ska vara noll utan grund.',
    enhet: 'kontakter',
    processer: [...PROCESSNYCKLAR],
    lagrum: lagrum('osl-26-1', 'osl-12-2'),
    population,
    rader: r,
    nyckeltal: [{ id: 'utan-grund', text: 'Kontakter utan registrerad grund', varde: utan, enhet: 'antal', mal: 0, avvikelse: utan > 0 }],
  };
}

function forstaKontakt(fakta: Arendefakta[]): Matt {
  const dagar: Record<string, number> = {};
  const { rader: r, population } = rader(
    [
      { id: 'kontakt', text: 'Personlig kontakt etablerad' },
      { id: 'ingen-kontakt', text: 'Förhandsbedömningen avslutad utan personlig kontakt' },
      { id: 'ingen-kontakt-an', text: 'Ingen personlig kontakt ännu' },
    ],
    fakta,
    (f) => {
      if (f.forstaPersonligaKontakt) {
        dagar[f.arendenummer] = kalenderdagar(f.mottagen, f.forstaPersonligaKontakt);
        return 'kontakt';
      }
      return f.forhandsbedomningSlut || f.avslutat ? 'ingen-kontakt' : 'ingen-kontakt-an';
    },
    (f) => f.arendenummer,
  );
  const tider = Object.values(dagar);
  return {
    id: 'forsta-kontakt',
    rubrik: 'Tid till första personliga kontakt med hyresgästen',
    definition:
      'Från mottagandet till första gången en handläggare registrerade "Kontakt etablerad" med hyresgästen (telefon, sms, samtal eller hembesök; informationsbrevet räknas inte), i kalenderdagar svensk tid.',
    enhet: 'arenden',
    processer: [...PROCESSNYCKLAR],
    lagrum: lagrum('sol-2025-400-14-2'),
    population,
    rader: r,
    nyckeltal: [
      { id: 'median', text: 'Median (dagar)', varde: median(tider), enhet: 'dagar', avvikelse: false },
      { id: 'p90', text: '90:e percentilen (dagar)', varde: percentil(tider, 90), enhet: 'dagar', avvikelse: false },
    ],
    dagar,
  };
}

/** The measures for these cases, judged at `nu`; with a process chosen, only the measures that concern it. */
export function beraknaMatt(fakta: Arendefakta[], nu: Date, process?: ProcessKey): Matt[] {
  const alla = [
    bekraftelseKronofogden(fakta, nu),
    atervinning(fakta),
    forhandsbedomning(fakta, nu),
    barnOchUngaInvolverade(fakta),
    narvaroBarnfamiljer(fakta),
    barnutredning(fakta, nu),
    kontakterUtanGrund(fakta),
    forstaKontakt(fakta),
    brevEjSkickade(fakta),
  ];
  return process ? alla.filter((m) => m.processer.includes(process)) : alla;
}
