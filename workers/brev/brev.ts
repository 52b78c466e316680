/**
 * From a task's variables to the letters it produces: which template, to whom,
 * by which channel, serving which deadline, with what text. Pure: rendering and
 * storing happen in the handler.
 */
import type { Adress } from '../../domain/arendevariabler.ts';
import type { Brevtyp, Kanal, Mottagarroll } from '../../domain/brevtyper.ts';
import { MOTTAGARNAMN } from '../../domain/etiketter.ts';
import { datumOchKlockslag, svensktDatum } from '../../domain/svensk-tid.ts';
import { InvalidInputError } from '../errors.ts';
import type { Avsandare } from './avsandare.ts';
import { fristutdragSchema, type BrevIndata } from './indata.ts';
import { atagandeBetalningsansvar, type AtagandeData } from './mallar/atagande-betalningsansvar.ts';
import { bekraftelseKronofogden, type BekraftelseKronofogdenData } from './mallar/bekraftelse-kronofogden.ts';
import { erbjudandeUppfoljning, type UppfoljningData } from './mallar/erbjudande-uppfoljning.ts';
import { hembesok, type HembesokData } from './mallar/hembesok.ts';
import { informationsbrev, type InformationsbrevData } from './mallar/informationsbrev.ts';
import { MALLAR, postnummerText, type Arendedata, type Brevtext, type Fristutdrag } from './mallar/index.ts';
import type { Brevdokument } from './pdf.ts';

export interface PlaneratBrev {
  typ: Brevtyp;
  mottagare: Mottagarroll;
  kanal: Kanal;
  mallversion: string;
  /** The deadline the letter serves: its type and the whole fristunderlag entry. */
  frist?: { typ: string; senast: string; utdrag: Fristutdrag & Record<string, unknown> };
  /** Produced after the deadline it serves had run out (auditors report on it). */
  efterFrist: boolean;
  dokument: Brevdokument;
}

export interface Sammanhang {
  arendenummer: string;
  avsandare: Avsandare;
  skapad: Date;
}

const ISO_DATUM = /^\d{4}-\d{2}-\d{2}$/;

const MARKERING: Partial<Record<Kanal, string>> = {
  rekommenderat: 'REKOMMENDERAT BREV',
  'epost-myndighet': 'Skickas med e-post',
};

export function planeraBrev(indata: BrevIndata, s: Sammanhang): PlaneratBrev[] {
  const mall = MALLAR[indata.brevtyp];
  const saknas: string[] = [];
  const krav = kravsamlare(indata.brevtyp, saknas);

  const tillHyresgast = mall.mottagare === 'hyresgast' || mall.kopiaTill === 'hyresgast';
  if (tillHyresgast && !indata.skyddadIdentitet) krav(indata.adress, 'adress');
  const fristutdrag = mall.frist ? lasFrist(indata, mall.frist.typ, mall.frist.kravs, saknas) : undefined;
  const grund = arendedata(indata, s);
  const skrivText = textskrivare(indata, grund, fristutdrag, krav, saknas);
  if (saknas.length > 0) throw new InvalidInputError(saknas.join('; '));

  const efterFrist = fristutdrag ? s.skapad.getTime() >= Date.parse(fristutdrag.senast) : false;
  const frist = fristutdrag && { typ: fristutdrag.typ, senast: fristutdrag.senast, utdrag: fristutdrag };
  const brev = (mottagare: Mottagarroll, kopia: boolean): PlaneratBrev => {
    const kanal = valjKanal(kopia ? 'post' : mall.standardkanal, mottagare, indata);
    const kopiaTill = !kopia && mall.kopiaTill ? mall.kopiaTill : undefined;
    const text = skrivText(mottagare);
    const dokument = brevdokument({ text, mottagare, kanal, kopia, kopiaTill, grund, indata, s });
    return { typ: mall.typ, mottagare, kanal, mallversion: mall.mallversion, frist, efterFrist, dokument };
  };
  const planerade = [brev(mall.mottagare, false)];
  if (mall.kopiaTill) planerade.push(brev(mall.kopiaTill, true));
  return planerade;
}

type Krav = <T>(varde: T | undefined, variabel: string) => T;
type Fristutdraget = ReturnType<typeof lasFrist>;

/** Collects every missing variable, so that one incident names them all; nothing is rendered before the check. */
function kravsamlare(brevtyp: BrevIndata['brevtyp'], saknas: string[]): Krav {
  return <T>(varde: T | undefined, variabel: string): T => {
    if (varde === undefined) saknas.push(`${variabel}: krävs för brevtypen ${brevtyp}`);
    return varde as T;
  };
}

/** What every template gets: the case, the sender, the case worker and the parties. */
function arendedata(indata: BrevIndata, s: Sammanhang): Arendedata {
  return {
    arendenummer: s.arendenummer,
    datum: svensktDatum(s.skapad),
    avsandare: s.avsandare,
    handlaggare: {
      namn: indata.ansvarigHandlaggare,
      telefon: indata.ansvarigHandlaggareTelefon,
      epost: indata.ansvarigHandlaggareEpost,
    },
    hyresgast: indata.hyresgast,
    // Protected identity: the address is never handed to a template, so no letter can print it.
    adress: indata.skyddadIdentitet ? undefined : indata.adress,
    hyresvard: indata.hyresvard,
  };
}

/** The letter type's own data, checked, and its template's text for one recipient. */
function textskrivare(
  indata: BrevIndata,
  grund: Arendedata,
  fristutdrag: Fristutdraget,
  krav: Krav,
  saknas: string[],
): (mottagare: Mottagarroll) => Brevtext {
  switch (indata.brevtyp) {
    case 'informationsbrev': {
      const d: InformationsbrevData = { ...grund, atervinningsfrist: fristutdrag };
      return (m) => informationsbrev.text(d, m);
    }
    case 'hembesok': {
      const tid = krav(indata.hembesokTid, 'hembesokTid');
      const d: HembesokData = { ...grund, besok: tidEllerInget(tid)! };
      return (m) => hembesok.text(d, m);
    }
    case 'bekraftelse-kronofogden': {
      const avhysningsdatum = krav(indata.avhysningsdatum, 'avhysningsdatum');
      const d: BekraftelseKronofogdenData = {
        ...grund,
        malnummer: krav(indata.malnummer, 'malnummer'),
        avhysning:
          typeof avhysningsdatum === 'string' && ISO_DATUM.test(avhysningsdatum)
            ? { datum: avhysningsdatum }
            : tidEllerInget(avhysningsdatum)!,
      };
      return (m) => bekraftelseKronofogden.text(d, m);
    }
    case 'atagande-betalningsansvar': {
      krav(indata.hyresvardAdress, 'hyresvardAdress');
      if (fristutdrag && !fristutdrag.sistaDag) saknas.push('fristunderlag.atervinningsfrist.sistaDag: saknas');
      const d: AtagandeData = {
        ...grund,
        hyresvard: krav(indata.hyresvard, 'hyresvard'),
        hyresskuld: krav(indata.hyresskuld, 'hyresskuld'),
        hyresskuldAvser: indata.hyresskuldAvser,
        atervinningsfrist: fristutdrag as AtagandeData['atervinningsfrist'],
      };
      return (m) => atagandeBetalningsansvar.text(d, m);
    }
    case 'erbjudande-uppfoljning': {
      const d: UppfoljningData = { ...grund, mote: tidEllerInget(indata.uppfoljningTid) };
      return (m) => erbjudandeUppfoljning.text(d, m);
    }
  }
}

/** The letter as printed: title, recipient block, marking (copy, channel) and text. */
function brevdokument(b: {
  text: Brevtext;
  mottagare: Mottagarroll;
  kanal: Kanal;
  kopia: boolean;
  kopiaTill: Mottagarroll | undefined;
  grund: Arendedata;
  indata: BrevIndata;
  s: Sammanhang;
}): Brevdokument {
  const { text, s } = b;
  return {
    titel: `${text.rubrik}, ärende ${s.arendenummer}`,
    avsandare: s.avsandare,
    datum: b.grund.datum,
    arendenummer: s.arendenummer,
    mottagare: mottagarblock(b.mottagare, b.indata, s.avsandare),
    markering: [b.kopia && 'KOPIA', MARKERING[b.kanal]].filter(Boolean).join(' – ') || undefined,
    text,
    handlaggare: b.grund.handlaggare,
    kopiaTill: b.kopiaTill ? MOTTAGARNAMN[b.kopiaTill] : undefined,
    skapad: s.skapad,
  };
}

/**
 * Authorities get e-mail; a tenant with protected personal data gets post only
 * through Skatteverket's särskilda postförmedling; `brevkanal` may upgrade a
 * postal letter to registered, never the reverse.
 */
function valjKanal(standard: Kanal, mottagare: Mottagarroll, indata: BrevIndata): Kanal {
  if (standard === 'epost-myndighet') return standard;
  if (mottagare === 'hyresgast' && indata.skyddadIdentitet) return 'sarskild-postformedling';
  if (indata.brevkanal === 'rekommenderat') return 'rekommenderat';
  return standard;
}

function mottagarblock(mottagare: Mottagarroll, indata: BrevIndata, avsandare: Avsandare): string[] {
  switch (mottagare) {
    case 'hyresgast':
      return indata.skyddadIdentitet || !indata.adress
        ? [indata.hyresgast.namn, ...avsandare.sarskildPostformedling.rader]
        : [indata.hyresgast.namn, ...adressrader(indata.adress)];
    case 'hyresvard': {
      const h = indata.hyresvard!;
      return [h.namn, ...(h.kontaktperson ? [`Att: ${h.kontaktperson}`] : []), ...adressrader(indata.hyresvardAdress!)];
    }
    case 'kronofogden':
      return [avsandare.kronofogden.namn, avsandare.kronofogden.epost];
  }
}

function tidEllerInget(tid: string | Date | undefined) {
  return tid === undefined ? undefined : datumOchKlockslag(tid);
}

function adressrader(adress: Adress): string[] {
  const lgh = adress.lagenhetsnummer ? ` lgh ${adress.lagenhetsnummer}` : '';
  return [`${adress.gatuadress}${lgh}`, `${postnummerText(adress.postnummer)} ${adress.ort}`];
}

function lasFrist(indata: BrevIndata, typ: string, kravs: boolean, saknas: string[]) {
  const post = indata.fristunderlag?.[typ];
  if (post === undefined || post === null) {
    if (kravs) {
      saknas.push(`fristunderlag.${typ}: krävs för brevtypen ${indata.brevtyp} (beräkna fristen med berakna-frister först)`);
    }
    return undefined;
  }
  const tolkad = fristutdragSchema.safeParse(post);
  if (!tolkad.success) {
    saknas.push(...tolkad.error.issues.map((i) => `fristunderlag.${typ}.${i.path.join('.')}: ${i.message}`));
    return undefined;
  }
  return tolkad.data;
}
