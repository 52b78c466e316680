/**
 * PDF/A-2b documents for the case file (letters, the auditors' case timeline):
 * fonts embedded (Noto Sans covers å, ä, ö and more), sRGB output intent and
 * XMP metadata (pdfkit writes both for the PDF/A subset), tagged, with Swedish
 * as the document language. The same content and creation time give the same
 * bytes, so a document can be reproduced.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
/**
 * Parsed once and shared by every document: parsing the font's tables is most
 * of a document's cost. fontkit caches each glyph with the characters it was first
 * made for, and pdfkit's text layer (ToUnicode) takes them from there. A glyph
 * first made as part of another (A inside Å, when a document's font subset is
 * written) would be cached without its character, and the next document's A would
 * read back as nothing. So every character's glyph is made first, with its character.
 */
function fontfil(vikt: string): fontkit.Font {
  const font = fontkit.create(readFileSync(require.resolve(`@expo-google-fonts/noto-sans/${vikt}/NotoSans_${vikt}.ttf`)));
  for (const tecken of font.characterSet) font.glyphForCodePoint(tecken);
  return font;
}
const BRODTEXT = fontfil('400Regular');
const FET = fontfil('700Bold');

/** The A4 page in PDF points. */
export const A4 = { bredd: 595.28, hojd: 841.89 };

export interface PdfAUppgifter {
  titel: string;
  forfattare: string;
  amne: string;
  skapad: Date;
  marginaler: { top: number; bottom: number; left: number; right: number };
  layout?: 'portrait' | 'landscape';
}

/**
 * A new A4 PDF/A-2b document with the fonts 'brodtext' and 'fet' registered,
 * and the finished bytes once `doc.end()` has been called.
 */
export function nyttPdfA(u: PdfAUppgifter): { doc: PDFKit.PDFDocument; klar: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    layout: u.layout ?? 'portrait',
    margins: u.marginaler,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: 'sv-SE',
    displayTitle: true,
    bufferPages: true,
    // No default font: PDF/A forbids the unembedded standard fonts pdfkit would load.
    font: '',
    info: {
      Title: u.titel,
      Author: u.forfattare,
      Subject: u.amne,
      Creator: 'Bokvar',
      Producer: 'Bokvar (pdfkit)',
      CreationDate: u.skapad,
      ModDate: u.skapad,
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
  return { doc, klar };
}

/**
 * Draws on every page of a finished document (`bufferPages`): page numbers,
 * footers. What `draw` writes is marked as a pagination artifact, outside the
 * text a reader reads out; the bottom margin is lifted meanwhile, so that text
 * near the foot starts no new page; the fill colour is black again after.
 */
export function drawOnEveryPage(doc: PDFKit.PDFDocument, draw: (page: number, pageCount: number) => void): void {
  const pages = doc.bufferedPageRange();
  for (let i = pages.start; i < pages.start + pages.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' } as never);
    draw(i - pages.start + 1, pages.count);
    doc.endMarkedContent();
    doc.fillColor('#000000');
    doc.page.margins.bottom = bottom;
  }
}

/** '12 kap. 44 §' never breaks across lines: a reference split in two is hard to read. */
export function sammanhallen(text: string): string {
  return text.replace(/(\d) (kap\.|§)/g, '$1\u00a0$2').replace(/(kap\.|§) (\d)/g, '$1\u00a0$2');
}
