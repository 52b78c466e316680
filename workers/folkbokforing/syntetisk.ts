/* eslint-disable max-lines -- one seeded generator with its name and street tables; split, the draw order that fixes the population would be spread over files */
import type { Adress } from '../../domain/arendevariabler.ts';
import { kontrollsiffra, type Personnummer } from '../../domain/personnummer.ts';
import type { FolkbokforingCsvRad } from './import.ts';

/**
 * A synthetic population for development, tests and benchmarks: nobody in it
 * exists. The same seed gives the same population, byte for byte.
 *
 * - Households in Göteborg: single adults, couples, families with one to three
 *   children, single parents, flat-sharers, elderly living alone; most in blocks
 *   of flats (lägenhetsnummer 1001–1504), some in houses without one.
 * - About 6 % of tenants are registered elsewhere than where they live.
 * - About 1 % of households have sekretessmarkering, 0.5 % skyddad folkbokföring
 *   (registered at another address than where they live).
 * - A few deregistered persons: deceased at an address still lived in, emigrated without one.
 * - Personnummer with a valid check digit and the birth number (födelsenummer)
 *   980–999, the series Skatteverket's test personnummer use, so that a clash
 *   with a real person is unlikely (not checked against Skatteverket's list).
 * - The register (what the CSV extract holds) writes addresses as Navet does, in
 *   upper case; the households' own addresses are written as a landlord would.
 */
export interface SyntetiskPopulation {
  seed: number;
  /** The day ages are counted from (ÅÅÅÅ-MM-DD). */
  referensdatum: string;
  /** The register extract, one row per person. */
  personer: FolkbokforingCsvRad[];
  /** Where people actually live: one tenancy each. */
  hushall: SyntetisktHushall[];
  /** Valid personnummer that the register does not have. */
  okandaPersonnummer: Personnummer[];
}

export type Hushallstyp = 'ensam' | 'par' | 'familj' | 'ensamstaende-foralder' | 'kompisar' | 'aldre';

export interface SyntetisktHushall {
  typ: Hushallstyp;
  /** The tenancy's address as a notice from the landlord gives it. */
  boendeadress: Adress;
  /** The contract holder: an adult of the household. */
  hyresgast: Personnummer;
  /** Everyone living there, the tenant first. */
  medlemmar: Personnummer[];
  antalBarn: number;
  /** Whether the tenant is registered at the tenancy's address. */
  hyresgastFolkbokfordHar: boolean;
  skydd: 'inget' | 'sekretessmarkering' | 'skyddad-folkbokforing';
}

export interface SyntetiskaOptions {
  /** About this many persons (a household is never split). */
  antal: number;
  seed?: number;
  referensdatum?: string;
}

const GATOR: readonly [gata: string, postnummer: string, ort: string][] = [
  ['Linnégatan', '41304', 'Göteborg'],
  ['Vasagatan', '41124', 'Göteborg'],
  ['Första Långgatan', '41303', 'Göteborg'],
  ['Andra Långgatan', '41328', 'Göteborg'],
  ['Tredje Långgatan', '41327', 'Göteborg'],
  ['Övre Husargatan', '41314', 'Göteborg'],
  ['Karl Johansgatan', '41459', 'Göteborg'],
  ['Godhemsgatan', '41468', 'Göteborg'],
  ['Mariagatan', '41471', 'Göteborg'],
  ['Doktor Forselius gata', '41326', 'Göteborg'],
  ['Sankt Sigfridsgatan', '41266', 'Göteborg'],
  ['Eklandagatan', '41261', 'Göteborg'],
  ['Aschebergsgatan', '41127', 'Göteborg'],
  ['Götabergsgatan', '41134', 'Göteborg'],
  ['Redbergsvägen', '41665', 'Göteborg'],
  ['Kålltorpsgatan', '41672', 'Göteborg'],
  ['Ånäsvägen', '41658', 'Göteborg'],
  ['Bergsjövägen', '41519', 'Göteborg'],
  ['Rymdtorget', '41522', 'Göteborg'],
  ['Kvibergsvägen', '41505', 'Göteborg'],
  ['Selma Lagerlöfs torg', '42265', 'Hisings Backa'],
  ['Backavägen', '41705', 'Göteborg'],
  ['Wieselgrensgatan', '41717', 'Göteborg'],
  ['Eketrägatan', '41842', 'Göteborg'],
  ['Hjällbo torg', '42434', 'Angered'],
  ['Hammarkulletorget', '42437', 'Angered'],
  ['Rannebergsvägen', '42448', 'Angered'],
  ['Frölunda torg', '42142', 'Västra Frölunda'],
  ['Mandolingatan', '42145', 'Västra Frölunda'],
  ['Opaltorget', '42168', 'Västra Frölunda'],
  ['Positivgatan', '42155', 'Västra Frölunda'],
  ['Tynnereds torg', '42160', 'Västra Frölunda'],
];

const KVINNONAMN = [
  'Anna',
  'Eva',
  'Maria',
  'Karin',
  'Sara',
  'Emma',
  'Elin',
  'Johanna',
  'Linnea',
  'Ida',
  'Maja',
  'Alice',
  'Elsa',
  'Ebba',
  'Wilma',
  'Saga',
  'Astrid',
  'Ingrid',
  'Kerstin',
  'Birgitta',
  'Fatima',
  'Amina',
  'Leyla',
  'Sofia',
  'Hanna',
  'Matilda',
  'Klara',
  'Agnes',
  'Vera',
  'Stina',
  'Lena',
  'Margareta',
];
const MANSNAMN = [
  'Erik',
  'Lars',
  'Karl',
  'Anders',
  'Johan',
  'Per',
  'Nils',
  'Mikael',
  'Oskar',
  'William',
  'Liam',
  'Hugo',
  'Lucas',
  'Elias',
  'Alexander',
  'Adam',
  'Filip',
  'Viktor',
  'Gustav',
  'Olof',
  'Mohammed',
  'Ali',
  'Omar',
  'Ahmed',
  'Emil',
  'Axel',
  'Isak',
  'Leo',
  'Noah',
  'Arvid',
  'Bengt',
  'Göran',
];
const EFTERNAMN = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Jönsson',
  'Lindberg',
  'Jakobsson',
  'Magnusson',
  'Olofsson',
  'Lindström',
  'Lindqvist',
  'Lindgren',
  'Berg',
  'Axelsson',
  'Bergström',
  'Lundberg',
  'Lundgren',
  'Mattsson',
  'Berglund',
  'Fredriksson',
  'Sandberg',
  'Forsberg',
  'Sjöberg',
  'Wallin',
  'Engström',
  'Eklund',
  'Danielsson',
  'Håkansson',
  'Björk',
  'Holm',
  'Samuelsson',
  'Fransson',
  'Nyström',
  'Ali',
  'Mohammed',
  'Ahmed',
  'Hassan',
  'Abdi',
  'Yilmaz',
];

/** mulberry32: small, fast, and the same on every machine. */
function slumpgenerator(seed: number) {
  let a = seed >>> 0;
  const nasta = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    tal: nasta,
    heltal: (min: number, max: number) => min + Math.floor(nasta() * (max - min + 1)),
    chans: (p: number) => nasta() < p,
    valj: <T>(lista: readonly T[]): T => lista[Math.floor(nasta() * lista.length)] as T,
  };
}
type Slump = ReturnType<typeof slumpgenerator>;

interface Byggnad {
  gata: string;
  nummer: string;
  postnummer: string;
  ort: string;
  /** Flats not yet let; empty for a house. */
  lediga: string[];
  villa: boolean;
}

export function genereraPopulation(options: SyntetiskaOptions): SyntetiskPopulation {
  const seed = options.seed ?? 20261125;
  const referensdatum = options.referensdatum ?? '2026-11-25';
  const bygge = nyttBygge(seed, referensdatum);
  const personer: FolkbokforingCsvRad[] = [];
  const hushall: SyntetisktHushall[] = [];
  while (personer.length < options.antal) {
    const nytt = nyttHushall(bygge);
    personer.push(...nytt.personer);
    hushall.push(nytt.hushall);
  }
  const { slump } = bygge;
  const okandaPersonnummer = Array.from({ length: 20 }, () => bygge.personnummer(slump.heltal(18, 80), slump.chans(0.5)));
  return { seed, referensdatum, personer, hushall, okandaPersonnummer };
}

/**
 * What the steps share: one random sequence (so the order of draws fixes the
 * population), the personnummer handed out and the buildings so far.
 */
interface Bygge {
  slump: Slump;
  /** The day `ar` years and `dagar` days before the reference date, as a UTC Date. */
  fore(ar: number, dagar: number): Date;
  personnummer(alder: number, kvinna: boolean): Personnummer;
  /** A flat (or a house) nobody has yet. */
  nyBostad(): Bostad;
}

interface Bostad {
  adress: Adress;
  register: RegisterAdress;
}

interface Medlem {
  alder: number;
  kvinna: boolean;
  efternamn: string;
}

function nyttBygge(seed: number, referensdatum: string): Bygge {
  const slump = slumpgenerator(seed);
  const [ar, manad, dag] = referensdatum.split('-').map(Number) as [number, number, number];
  const fore = (ar0: number, dagar: number) => new Date(Date.UTC(ar - ar0, manad - 1, dag - dagar));
  return { slump, fore, personnummer: personnummergenerator(slump, fore), nyBostad: bostadsgenerator(slump) };
}

/** Unique personnummer with a valid check digit in the test series 980–999. */
function personnummergenerator(slump: Slump, fore: Bygge['fore']) {
  const anvanda = new Set<string>();
  return (alder: number, kvinna: boolean): Personnummer => {
    for (;;) {
      const datum = isoDatum(fore(alder, slump.heltal(0, 364))).replace(/-/g, '');
      const lopnummer = 980 + slump.heltal(0, 9) * 2 + (kvinna ? 0 : 1); // odd for men, even for women
      const nio = datum.slice(2) + String(lopnummer);
      const pnr = `${datum}${lopnummer}${kontrollsiffra(nio)}` as Personnummer;
      if (!anvanda.has(pnr)) {
        anvanda.add(pnr);
        return pnr;
      }
    }
  };
}

/** Homes nobody has yet: reuses a block of flats while it has free ones. */
function bostadsgenerator(slump: Slump): () => Bostad {
  const byggnader = new Map<string, Byggnad>();
  /** Blocks of flats that still have a free flat. */
  const medLediga: Byggnad[] = [];
  const nyByggnad = (villa: boolean): Byggnad => {
    for (;;) {
      const [gata, postnummer, ort] = slump.valj(GATOR);
      const nummer = `${slump.heltal(1, 140)}${slump.chans(0.15) ? slump.valj(['A', 'B', 'C']) : ''}`;
      const nyckel = `${gata} ${nummer}`;
      if (byggnader.has(nyckel)) continue;
      const lediga = villa ? [] : lagenheter(slump);
      const byggnad = { gata, nummer, postnummer, ort, lediga, villa };
      byggnader.set(nyckel, byggnad);
      if (!villa) medLediga.push(byggnad);
      return byggnad;
    }
  };
  return () => {
    const villa = slump.chans(0.08);
    let byggnad: Byggnad | undefined;
    if (!villa && medLediga.length > 0 && slump.chans(0.7)) byggnad = medLediga[slump.heltal(0, medLediga.length - 1)];
    if (!byggnad) byggnad = nyByggnad(villa);
    const lagenhetsnummer = byggnad.villa ? undefined : byggnad.lediga.shift();
    if (!byggnad.villa && byggnad.lediga.length === 0) medLediga.splice(medLediga.indexOf(byggnad), 1);
    return bostadsadresser(byggnad, lagenhetsnummer);
  };
}

/** The address as the landlord writes it, and as the register (Navet) does. */
function bostadsadresser(byggnad: Byggnad, lagenhetsnummer: string | undefined): Bostad {
  const gatuadress = `${byggnad.gata} ${byggnad.nummer}`;
  return {
    adress: {
      gatuadress,
      postnummer: `${byggnad.postnummer.slice(0, 3)} ${byggnad.postnummer.slice(3)}`,
      ort: byggnad.ort,
      ...(lagenhetsnummer ? { lagenhetsnummer } : {}),
    },
    register: {
      utdelningsadress2: gatuadress.toLocaleUpperCase('sv-SE'),
      postnummer: byggnad.postnummer,
      postort: byggnad.ort.toLocaleUpperCase('sv-SE'),
      ...(lagenhetsnummer ? { lagenhetsnummer } : {}),
    },
  };
}

/** One household: its members in the register, now and then a deregistered person at its address. */
function nyttHushall(b: Bygge): { personer: FolkbokforingCsvRad[]; hushall: SyntetisktHushall } {
  const { slump } = b;
  const typ = valjTyp(slump);
  const efternamn = slump.valj(EFTERNAMN);
  const medlemmar = hushallsmedlemmar(slump, typ, efternamn);

  const skydd = slump.chans(0.01) ? 'sekretessmarkering' : slump.chans(0.005) ? 'skyddad-folkbokforing' : 'inget';
  const bostad = b.nyBostad();
  // Skyddad folkbokföring: the register keeps them at another address than where they live.
  const registerAdress = skydd === 'skyddad-folkbokforing' ? b.nyBostad().register : bostad.register;
  const folkbokfordAnnanstans = skydd === 'inget' && slump.chans(0.06);
  const yngstaVuxen = Math.min(...medlemmar.filter((m) => m.alder >= 18).map((m) => m.alder));
  const inflyttning = isoDatum(b.fore(0, slump.heltal(30, Math.min(15, yngstaVuxen - 18) * 365 + 30)));

  const pnr = medlemmar.map((m) => b.personnummer(m.alder, m.kvinna));
  const personer = medlemmar.map((m, i): FolkbokforingCsvRad => {
    const adress = i === 0 && folkbokfordAnnanstans ? b.nyBostad().register : registerAdress;
    const fodd = `${pnr[i]!.slice(0, 4)}-${pnr[i]!.slice(4, 6)}-${pnr[i]!.slice(6, 8)}`;
    return {
      personnummer: pnr[i]!,
      fornamn: slump.valj(m.kvinna ? KVINNONAMN : MANSNAMN),
      efternamn: m.efternamn,
      ...adress,
      folkbokforingsdatum: fodd > inflyttning ? fodd : inflyttning,
      sekretessmarkering: skydd === 'sekretessmarkering' ? 'J' : 'N',
      skyddad_folkbokforing: skydd === 'skyddad-folkbokforing' ? 'J' : 'N',
    };
  });
  const hushall: SyntetisktHushall = {
    typ,
    boendeadress: bostad.adress,
    hyresgast: pnr[0]!,
    medlemmar: pnr,
    antalBarn: medlemmar.filter((m) => m.alder < 18).length,
    hyresgastFolkbokfordHar: !folkbokfordAnnanstans && skydd !== 'skyddad-folkbokforing',
    skydd,
  };
  personer.push(...avregistrerade(b, efternamn, registerAdress));
  return { personer, hushall };
}

function hushallsmedlemmar(slump: Slump, typ: Hushallstyp, efternamn: string): Medlem[] {
  const medlemmar: Medlem[] = [];
  const vuxen = (min: number, max: number, kvinna = slump.chans(0.5), namn = efternamn) =>
    medlemmar.push({ alder: slump.heltal(min, max), kvinna, efternamn: namn });
  switch (typ) {
    case 'ensam':
      vuxen(19, 64);
      break;
    case 'aldre':
      vuxen(65, 94);
      break;
    case 'par':
      vuxen(20, 80, true);
      vuxen(20, 80, false, slump.chans(0.5) ? efternamn : slump.valj(EFTERNAMN));
      break;
    case 'kompisar':
      for (let i = slump.heltal(2, 3); i > 0; i--) vuxen(19, 30, slump.chans(0.5), slump.valj(EFTERNAMN));
      break;
    case 'familj':
    case 'ensamstaende-foralder': {
      vuxen(24, 55, typ === 'familj' || slump.chans(0.75));
      if (typ === 'familj') vuxen(24, 55, !medlemmar[0]!.kvinna);
      const yngstaForalder = Math.min(...medlemmar.map((m) => m.alder));
      for (let i = slump.heltal(1, 3); i > 0; i--) {
        medlemmar.push({ alder: slump.heltal(0, Math.min(17, yngstaForalder - 19)), kvinna: slump.chans(0.5), efternamn });
      }
      break;
    }
  }
  return medlemmar;
}

/** Now and then someone deregistered: deceased at this address, or emigrated with no address left. */
function avregistrerade(b: Bygge, efternamn: string, registerAdress: RegisterAdress): FolkbokforingCsvRad[] {
  const { slump } = b;
  const personer: FolkbokforingCsvRad[] = [];
  if (slump.chans(0.005)) {
    const kvinna = slump.chans(0.5);
    personer.push({
      personnummer: b.personnummer(slump.heltal(70, 95), kvinna),
      fornamn: slump.valj(kvinna ? KVINNONAMN : MANSNAMN),
      efternamn,
      ...registerAdress,
      sekretessmarkering: 'N',
      skyddad_folkbokforing: 'N',
      avregistreringsorsak: 'AV',
      avregistreringsdatum: isoDatum(b.fore(0, slump.heltal(1, 300))),
    });
  }
  if (slump.chans(0.003)) {
    const kvinna = slump.chans(0.5);
    personer.push({
      personnummer: b.personnummer(slump.heltal(20, 60), kvinna),
      fornamn: slump.valj(kvinna ? KVINNONAMN : MANSNAMN),
      efternamn: slump.valj(EFTERNAMN),
      sekretessmarkering: 'N',
      skyddad_folkbokforing: 'N',
      avregistreringsorsak: 'UV',
      avregistreringsdatum: isoDatum(b.fore(0, slump.heltal(1, 900))),
    });
  }
  return personer;
}

const isoDatum = (d: Date) => d.toISOString().slice(0, 10);

type RegisterAdress = Pick<FolkbokforingCsvRad, 'utdelningsadress2' | 'postnummer' | 'postort' | 'lagenhetsnummer'>;

function valjTyp(slump: Slump): Hushallstyp {
  const t = slump.tal();
  if (t < 0.33) return 'ensam';
  if (t < 0.52) return 'par';
  if (t < 0.72) return 'familj';
  if (t < 0.84) return 'ensamstaende-foralder';
  if (t < 0.9) return 'kompisar';
  return 'aldre';
}

/** The flats of a block: floors 10–15 (10 is the entrance floor), two to four flats each. */
function lagenheter(slump: Slump): string[] {
  const lista: string[] = [];
  const vaningar = slump.heltal(2, 6);
  const perVaning = slump.heltal(2, 4);
  for (let v = 10; v < 10 + vaningar; v++) for (let l = 1; l <= perVaning; l++) lista.push(`${v}${String(l).padStart(2, '0')}`);
  return lista;
}
