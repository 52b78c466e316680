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
  // Collects every missing variable, so that one incident names them all; nothing is rendered before the check.
  const krav = <T>(varde: T | undefined, variabel: string): T => {
    if (varde === undefined) saknas.push(`${variabel}: krävs för brevtypen ${indata.brevtyp}`);
    return varde as T;
  };

  // Protected identity: the address is never handed to a template, so no letter can print it.
  const adress = indata.skyddadIdentitet ? undefined : indata.adress;
  const tillHyresgast = mall.mottagare === 'hyresgast' || mall.kopiaTill === 'hyresgast';
  if (tillHyresgast && !indata.skyddadIdentitet) krav(indata.adress, 'adress');

  const fristutdrag = mall.frist ? lasFrist(indata, mall.frist.typ, mall.frist.kravs, saknas) : undefined;

  const grund: Arendedata = {
    arendenummer: s.arendenummer,
    datum: svensktDatum(s.skapad),
    avsandare: s.avsandare,
    handlaggare: {
      namn: indata.ansvarigHandlaggare,
      telefon: indata.ansvarigHandlaggareTelefon,
      epost: indata.ansvarigHandlaggareEpost,
    },
    hyresgast: indata.hyresgast,
    adress,
    hyresvard: indata.hyresvard,
  };

  let skrivText: (mottagare: Mottagarroll) => Brevtext;
  switch (indata.brevtyp) {
    case 'informationsbrev': {
      const d: InformationsbrevData = { ...grund, atervinningsfrist: fristutdrag };
      skrivText = (m) => informationsbrev.text(d, m);
      break;
    }
    case 'hembesok': {
      const tid = krav(indata.hembesokTid, 'hembesokTid');
      const d: HembesokData = { ...grund, besok: tidEllerInget(tid)! };
      skrivText = (m) => hembesok.text(d, m);
      break;
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
      skrivText = (m) => bekraftelseKronofogden.text(d, m);
      break;
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
      skrivText = (m) => atagandeBetalningsansvar.text(d, m);
      break;
    }
    case 'erbjudande-uppfoljning': {
      const d: UppfoljningData = { ...grund, mote: tidEllerInget(indata.uppfoljningTid) };
      skrivText = (m) => erbjudandeUppfoljning.text(d, m);
      break;
    }
  }
  if (saknas.length > 0) throw new InvalidInputError(saknas.join('; '));

  const efterFrist = fristutdrag ? s.skapad.getTime() >= Date.parse(fristutdrag.senast) : false;
  const frist = fristutdrag && { typ: fristutdrag.typ, senast: fristutdrag.senast, utdrag: fristutdrag };

  const brev = (mottagare: Mottagarroll, kopia: boolean): PlaneratBrev => {
    const kanal = valjKanal(kopia ? 'post' : mall.standardkanal, mottagare, indata);
    const text = skrivText(mottagare);
    const markering = [kopia && 'KOPIA', MARKERING[kanal]].filter(Boolean).join(' – ') || undefined;
    return {
      typ: mall.typ,
      mottagare,
      kanal,
      mallversion: mall.mallversion,
      frist,
      efterFrist,
      dokument: {
        titel: `${text.rubrik}, ärende ${s.arendenummer}`,
        avsandare: s.avsandare,
        datum: grund.datum,
        arendenummer: s.arendenummer,
        mottagare: mottagarblock(mottagare, indata, s.avsandare),
        markering,
        text,
        handlaggare: grund.handlaggare,
        kopiaTill: !kopia && mall.kopiaTill ? MOTTAGARNAMN[mall.kopiaTill] : undefined,
        skapad: s.skapad,
      },
    };
  };
  const planerade = [brev(mall.mottagare, false)];
  if (mall.kopiaTill) planerade.push(brev(mall.kopiaTill, true));
  return planerade;
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
