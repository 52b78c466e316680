import type { Adress, Hyresvard } from '../../../domain/arendevariabler.ts';
import type { Brevtyp, Kanal, Mottagarroll } from '../../../domain/brevtyper.ts';
import { citera, type Datum, type Fristpost, type FristTyp, type LagrumId } from '../../../frister/index.ts';
import type { Avsandare } from '../avsandare.ts';

/** A paragraph, a bullet list, or label–value rows (case facts at the top of a letter). */
export type Stycke = string | { punkter: string[] } | { uppgifter: [string, string][] };

export interface Brevtext {
  rubrik: string;
  stycken: Stycke[];
  /** Every catalogue entry the text cites, in order of first use: listed under "Lagrum" at the end. */
  lagrum: LagrumId[];
}

export interface Handlaggare {
  namn: string;
  telefon?: string;
  epost?: string;
}

/** A deadline from fristunderlag, as far as letters use and record it. */
export type Fristutdrag = Pick<Fristpost, 'typ' | 'sistaDag' | 'senast' | 'forfaller' | 'lagrum'>;

/** What every letter knows about its case. */
export interface Arendedata {
  arendenummer: string;
  /** The letter's date (Swedish calendar date). */
  datum: Datum;
  avsandare: Avsandare;
  handlaggare: Handlaggare;
  hyresgast: { namn: string; personnummer: string };
  /** The tenant's address; absent whenever the tenant has protected personal data. */
  adress?: Adress;
  hyresvard?: Hyresvard;
}

export interface Brevmall<Data> {
  typ: Brevtyp;
  /** '<typ>/<n>'; raised with every change of text, so a stored letter names the text it came from. */
  mallversion: string;
  mottagare: Mottagarroll;
  standardkanal: Kanal;
  /** A copy goes to this role, by post, as a letter of its own. */
  kopiaTill?: Mottagarroll;
  /** Everything the template may cite (documentation and tests; the text reports what it did cite). */
  lagrum: readonly LagrumId[];
  /** The deadline the letter serves; `kravs`: the letter cannot be written without it. */
  frist?: { typ: FristTyp; kravs: boolean };
  /** The text for one recipient (the template's own, or the copy's). */
  text(data: Data, mottagare: Mottagarroll): Brevtext;
}

/**
 * Citations for one letter: each goes through the catalogue (so unverified
 * references carry their mark) and is remembered for the letter's list.
 */
export function hanvisningar(): { cite: (id: LagrumId) => string; anvanda: LagrumId[] } {
  const anvanda: LagrumId[] = [];
  return {
    anvanda,
    cite(id) {
      if (!anvanda.includes(id)) anvanda.push(id);
      return citera(id);
    },
  };
}

/** 'Storgatan 1, lgh 1203, 123 45 Älvby' – the tenant's dwelling in running text. */
export function adressText(adress: Adress): string {
  const lgh = adress.lagenhetsnummer ? `, lgh ${adress.lagenhetsnummer}` : '';
  return `${adress.gatuadress}${lgh}, ${postnummerText(adress.postnummer)} ${adress.ort}`;
}

export function postnummerText(postnummer: string): string {
  return `${postnummer.slice(0, 3)} ${postnummer.slice(3)}`;
}

/** How the reader reaches the caseworker: their own contact, else the administration's. */
export function kontaktText(data: Arendedata): string {
  const telefon = data.handlaggare.telefon ?? data.avsandare.telefon;
  const epost = data.handlaggare.epost ?? data.avsandare.epost;
  return `telefon ${telefon} eller e-post ${epost}`;
}
