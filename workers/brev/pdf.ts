/**
 * Renders a letter as PDF/A-2b: fonts embedded (Noto Sans covers å, ä, ö and
 * more), sRGB output intent and XMP metadata (pdfkit writes both for the
 * PDF/A subset), tagged with Swedish as the document language. The same letter
 * and creation time give the same bytes, so a letter can be reproduced.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { citera, type Datum } from '../../frister/index.ts';
import type { Avsandare } from './avsandare.ts';
import { datumText } from './format.ts';
import type { Brevtext, Handlaggare } from './mallar/typer.ts';

const require = createRequire(import.meta.url);
/**
 * Parsed once and shared by every document: parsing the font's tables is most
 * of a letter's cost. fontkit caches each glyph with the characters it was first
 * made for, and pdfkit's text layer (ToUnicode) takes them from there. A glyph
 * first made as part of another (A inside Å, when a document's font subset is
 * written) would be cached without its character, and the next letter's A would
 * read back as nothing. So every character's glyph is made first, with its character.
 */
function fontfil(vikt: string): fontkit.Font {
  const font = fontkit.create(readFileSync(require.resolve(`@expo-google-fonts/noto-sans/${vikt}/NotoSans_${vikt}.ttf`)));
  for (const tecken of font.characterSet) font.glyphForCodePoint(tecken);
  return font;
}
const BRODTEXT = fontfil('400Regular');
const FET = fontfil('700Bold');

/** A letter ready to print: text, sender, recipient block and the marks around it. */
export interface Brevdokument {
  /** Document title (metadata), e.g. 'Informationsbrev, ärende BV-2026-12'. */
  titel: string;
  avsandare: Avsandare;
  datum: Datum;
  arendenummer: string;
  /** The address block, one line each. */
  mottagare: string[];
  /** Above the date: 'REKOMMENDERAT BREV', 'KOPIA', … */
  markering?: string;
  text: Brevtext;
  handlaggare: Handlaggare;
  /** 'Kopia till: …' under the signature. */
  kopiaTill?: string;
  skapad: Date;
}

const A4 = { bredd: 595.28, hojd: 841.89 };
const MARGINAL = { top: 50, bottom: 74, left: 68, right: 68 };
const HOGERKOLUMN = 306;
const HOGERBREDD = A4.bredd - MARGINAL.right - HOGERKOLUMN;
const TEXTBREDD = A4.bredd - MARGINAL.left - MARGINAL.right;

export async function renderaPdf(brev: Brevdokument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINAL,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: 'sv-SE',
    displayTitle: true,
    bufferPages: true,
    // No default font: PDF/A forbids the unembedded standard fonts pdfkit would load.
    font: '',
    info: {
      Title: brev.titel,
      Author: `${brev.avsandare.forvaltning}, ${brev.avsandare.kommun}`,
      Subject: brev.text.rubrik,
      Creator: 'Bokvar',
      Producer: 'Bokvar (pdfkit)',
      CreationDate: brev.skapad,
      ModDate: brev.skapad,
    },
  } as PDFKit.PDFDocumentOptions);
  doc.registerFont('brodtext', BRODTEXT as never);
  doc.registerFont('fet', FET as never);

  const klar = new Promise<Buffer>((resolve, reject) => {
    const delar: Buffer[] = [];
    doc.on('data', (del: Buffer) => delar.push(del));
    doc.on('end', () => resolve(Buffer.concat(delar)));
    doc.on('error', reject);
  });

  const dokument = doc.struct('Document');
  doc.addStructure(dokument);
  const stycke = (typ: string) => ({ structParent: dokument, structType: typ });

  huvud(doc, brev, stycke);
  doc.x = MARGINAL.left;
  doc.y = Math.max(doc.y + 24, 225);

  doc.font('fet').fontSize(14).text(brev.text.rubrik, MARGINAL.left, doc.y, { width: TEXTBREDD, ...stycke('H1') });
  doc.moveDown(0.6);
  doc.font('brodtext').fontSize(10.5);
  for (const del of brev.text.stycken) {
    if (typeof del === 'string') {
      doc.text(sammanhallen(del), MARGINAL.left, doc.y, { width: TEXTBREDD, lineGap: 1.5, ...stycke('P') });
    } else if ('punkter' in del) {
      const lista = doc.struct('L');
      dokument.add(lista);
      doc.list(del.punkter, MARGINAL.left + 8, doc.y, {
        width: TEXTBREDD - 8,
        lineGap: 1.5,
        bulletRadius: 2,
        textIndent: 12,
        structParent: lista,
      } as PDFKit.Mixins.TextOptions);
      lista.end();
    } else {
      for (const [etikett, varde] of del.uppgifter) {
        const y = doc.y;
        doc.font('fet').text(etikett, MARGINAL.left, y, { width: 150, ...stycke('P') });
        const efterEtikett = doc.y;
        doc.font('brodtext').text(varde, MARGINAL.left + 160, y, { width: TEXTBREDD - 160, ...stycke('P') });
        doc.y = Math.max(doc.y, efterEtikett);
      }
    }
    doc.moveDown(0.5);
  }

  underskrift(doc, brev, stycke);
  if (brev.text.lagrum.length > 0) {
    doc.moveDown(0.8);
    doc.font('fet').fontSize(8.5).text('Lagrum och vägledning', MARGINAL.left, doc.y, { width: TEXTBREDD, ...stycke('H2') });
    doc.font('brodtext').text(brev.text.lagrum.map(citera).map(sammanhallen).join('; '), MARGINAL.left, doc.y, {
      width: TEXTBREDD,
      ...stycke('P'),
    });
  }
  dokument.end();
  sidfotter(doc, brev);
  doc.end();
  return klar;
}

type Stycke = (typ: string) => { structParent: PDFKit.PDFStructureElement; structType: string };

function huvud(doc: PDFKit.PDFDocument, brev: Brevdokument, stycke: Stycke): void {
  const a = brev.avsandare;
  doc.font('fet').fontSize(13).text(a.kommun, MARGINAL.left, MARGINAL.top, { width: 240, ...stycke('P') });
  doc.font('brodtext').fontSize(10);
  for (const rad of [a.forvaltning, a.enhet].filter((r): r is string => Boolean(r))) {
    doc.text(rad, { width: 240, ...stycke('P') });
  }

  let y = MARGINAL.top;
  if (brev.markering) {
    doc.font('fet').fontSize(10).text(brev.markering, HOGERKOLUMN, y, { width: HOGERBREDD, ...stycke('P') });
    y = doc.y + 2;
  }
  doc.font('brodtext').fontSize(10);
  doc.text(`Datum: ${datumText(brev.datum)}`, HOGERKOLUMN, y, { width: HOGERBREDD, ...stycke('P') });
  doc.text(`Ärendenummer: ${brev.arendenummer}`, HOGERKOLUMN, doc.y, { width: HOGERBREDD, ...stycke('P') });

  // Where a C5 window envelope shows the address.
  doc.fontSize(10.5);
  let rad = 125;
  for (const text of brev.mottagare) {
    doc.text(text, HOGERKOLUMN, rad, { width: HOGERBREDD, ...stycke('P') });
    rad = doc.y;
  }
}

/** '12 kap. 44 §' never breaks across lines: a reference split in two is hard to read. */
function sammanhallen(text: string): string {
  return text.replace(/(\d) (kap\.|§)/g, '$1\u00a0$2').replace(/(kap\.|§) (\d)/g, '$1\u00a0$2');
}

const UNDERSKRIFT_HOJD = 120;

function underskrift(doc: PDFKit.PDFDocument, brev: Brevdokument, stycke: Stycke): void {
  const a = brev.avsandare;
  const h = brev.handlaggare;
  // The greeting and the name stay together on one page.
  if (doc.y + UNDERSKRIFT_HOJD > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.font('brodtext').fontSize(10.5).text('Med vänlig hälsning', MARGINAL.left, doc.y, { width: TEXTBREDD, ...stycke('P') });
  doc.moveDown(1);
  doc.font('fet').text(h.namn, MARGINAL.left, doc.y, { width: TEXTBREDD, ...stycke('P') });
  doc.font('brodtext');
  const rader = [
    `${a.enhet ? a.enhet + ', ' : ''}${a.forvaltning}, ${a.kommun}`,
    `Telefon ${h.telefon ?? a.telefon}, e-post ${h.epost ?? a.epost}`,
  ];
  for (const rad of rader) doc.text(rad, MARGINAL.left, doc.y, { width: TEXTBREDD, ...stycke('P') });
  if (brev.kopiaTill) {
    doc.moveDown(0.8);
    doc.text(`Kopia till: ${brev.kopiaTill}`, MARGINAL.left, doc.y, { width: TEXTBREDD, ...stycke('P') });
  }
}

/** Sender details and page numbers on every page, marked as artifacts (not part of the read text order). */
function sidfotter(doc: PDFKit.PDFDocument, brev: Brevdokument): void {
  const a = brev.avsandare;
  const delar = [
    `${a.forvaltning}, ${a.kommun}`,
    `Postadress: ${a.postadress.join(', ')}`,
    a.besoksadress && `Besöksadress: ${a.besoksadress}`,
    `Telefon: ${a.telefon}`,
    `E-post: ${a.epost}`,
    a.webbplats,
  ].filter((d): d is string => Boolean(d));
  const sidor = doc.bufferedPageRange();
  for (let i = sidor.start; i < sidor.start + sidor.count; i++) {
    doc.switchToPage(i);
    const bottenMarginal = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' } as never);
    const y = A4.hojd - 62;
    doc.moveTo(MARGINAL.left, y - 6).lineTo(A4.bredd - MARGINAL.right, y - 6).lineWidth(0.5).strokeColor('#888888').stroke();
    doc.font('brodtext').fontSize(8).fillColor('#333333');
    doc.text(delar.join(' · '), MARGINAL.left, y, { width: TEXTBREDD, align: 'center', lineGap: 1 });
    doc.text(`Sida ${i - sidor.start + 1} av ${sidor.count}`, MARGINAL.left, A4.hojd - 30, { width: TEXTBREDD, align: 'right' });
    doc.endMarkedContent();
    doc.fillColor('#000000');
    doc.page.margins.bottom = bottenMarginal;
  }
}
