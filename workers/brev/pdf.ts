/**
 * Renders a letter as PDF/A-2b (the shared setup in domain/pdfa.ts: embedded
 * fonts, output intent, XMP, tagged, Swedish). The same letter and creation
 * time give the same bytes, so a letter can be reproduced.
 */
import { citera, type Datum } from '../../frister/index.ts';
import { A4, drawOnEveryPage, nyttPdfA, sammanhallen } from '../../domain/pdfa.ts';
import { datumText } from '../../domain/svensk-tid.ts';
import type { Avsandare } from './avsandare.ts';
import type { Brevtext, Handlaggare } from './mallar/typer.ts';

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

const MARGINAL = { top: 50, bottom: 74, left: 68, right: 68 };
const HOGERKOLUMN = 306;
const HOGERBREDD = A4.bredd - MARGINAL.right - HOGERKOLUMN;
const TEXTBREDD = A4.bredd - MARGINAL.left - MARGINAL.right;

export async function renderPdf(brev: Brevdokument): Promise<Buffer> {
  const { doc, klar } = nyttPdfA({
    titel: brev.titel,
    forfattare: `${brev.avsandare.forvaltning}, ${brev.avsandare.kommun}`,
    amne: brev.text.rubrik,
    skapad: brev.skapad,
    marginaler: MARGINAL,
  });

  const dokument = doc.struct('Document');
  doc.addStructure(dokument);
  const stycke = (typ: string) => ({ structParent: dokument, structType: typ });

  huvud(doc, brev, stycke);
  doc.x = MARGINAL.left;
  doc.y = Math.max(doc.y + 24, 225);

  doc
    .font('fet')
    .fontSize(14)
    .text(brev.text.rubrik, MARGINAL.left, doc.y, { width: TEXTBREDD, ...stycke('H1') });
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
    doc
      .font('fet')
      .fontSize(8.5)
      .text('Lagrum och vägledning', MARGINAL.left, doc.y, { width: TEXTBREDD, ...stycke('H2') });
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
  doc
    .font('fet')
    .fontSize(13)
    .text(a.kommun, MARGINAL.left, MARGINAL.top, { width: 240, ...stycke('P') });
  doc.font('brodtext').fontSize(10);
  for (const rad of [a.forvaltning, a.enhet].filter((r): r is string => Boolean(r))) {
    doc.text(rad, { width: 240, ...stycke('P') });
  }

  let y = MARGINAL.top;
  if (brev.markering) {
    doc
      .font('fet')
      .fontSize(10)
      .text(brev.markering, HOGERKOLUMN, y, { width: HOGERBREDD, ...stycke('P') });
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

const UNDERSKRIFT_HOJD = 120;

function underskrift(doc: PDFKit.PDFDocument, brev: Brevdokument, stycke: Stycke): void {
  const a = brev.avsandare;
  const h = brev.handlaggare;
  // The greeting and the name stay together on one page.
  if (doc.y + UNDERSKRIFT_HOJD > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc
    .font('brodtext')
    .fontSize(10.5)
    .text('Med vänlig hälsning', MARGINAL.left, doc.y, { width: TEXTBREDD, ...stycke('P') });
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
  const y = A4.hojd - 62;
  drawOnEveryPage(doc, (sida, antal) => {
    doc
      .moveTo(MARGINAL.left, y - 6)
      .lineTo(A4.bredd - MARGINAL.right, y - 6)
      .lineWidth(0.5)
      .strokeColor('#888888')
      .stroke();
    doc.font('brodtext').fontSize(8).fillColor('#333333');
    doc.text(delar.join(' · '), MARGINAL.left, y, { width: TEXTBREDD, align: 'center', lineGap: 1 });
    doc.text(`Sida ${sida} av ${antal}`, MARGINAL.left, A4.hojd - 30, { width: TEXTBREDD, align: 'right' });
  });
}
