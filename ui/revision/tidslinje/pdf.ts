import { A4, drawOnEveryPage, nyttPdfA, sammanhallen } from '../../../domain/pdfa.ts';
import { STATUSNAMN } from '../../../domain/etiketter.ts';
import { processnamn } from '../../../domain/processer.ts';
import { tidText } from '../../../domain/svensk-tid.ts';
import { HANDELSETYPER, versionsrad, type Tidslinje } from './types.ts';

/**
 * The case timeline as a PDF/A-2b document for the case file (akten). It
 * carries the case number and the tenant's name, never an address: the
 * timeline holds none, so a person with protected identity is safe here too.
 */
const MARGINAL = { top: 56, bottom: 60, left: 56, right: 56 };
const BREDD = A4.bredd - MARGINAL.left - MARGINAL.right;

export async function renderTidslinjePdf(t: Tidslinje, uppgifter: { skapad: Date; utskrivenAv: string }): Promise<Buffer> {
  const { doc, klar } = nyttPdfA({
    titel: `Ärendets tidslinje, ärende ${t.arendenummer}`,
    forfattare: 'Bokvar',
    amne: 'Ärendets tidslinje för akten',
    skapad: uppgifter.skapad,
    marginaler: MARGINAL,
  });
  const dokument = doc.struct('Document');
  doc.addStructure(dokument);
  const del = (typ: string) => ({ structParent: dokument, structType: typ });

  doc
    .font('fet')
    .fontSize(16)
    .text(`Ärendets tidslinje – ${t.arendenummer}`, MARGINAL.left, MARGINAL.top, { width: BREDD, ...del('H1') });
  doc.moveDown(0.4);
  doc.font('brodtext').fontSize(9.5);
  const fakta: [string, string][] = [
    ['Process', processnamn(t.processKey)],
    ['Hyresgäst', t.hyresgast ?? '–'],
    ['Mottagen', tidText(t.mottagen)],
    ['Status', STATUSNAMN[t.status]],
    ['Utskriven', `${tidText(uppgifter.skapad)} av ${uppgifter.utskrivenAv}`],
  ];
  if (t.skyddadIdentitet) fakta.push(['Skyddad identitet', 'Ja – adressen finns inte i handlingen']);
  for (const [etikett, varde] of fakta) {
    doc.text(`${etikett}: ${varde}`, MARGINAL.left, doc.y, { width: BREDD, ...del('P') });
  }
  doc.moveDown(0.6);
  // Which rules the case ran under: every instance's process version, and those it was migrated from.
  doc
    .font('fet')
    .fontSize(12)
    .text('Processversioner', MARGINAL.left, doc.y, { width: BREDD, ...del('H2') });
  doc.moveDown(0.3);
  doc.font('brodtext').fontSize(9.5);
  for (const v of t.versioner) doc.text(sammanhallen(versionsrad(v, tidText)), MARGINAL.left, doc.y, { width: BREDD, ...del('P') });
  doc.moveDown(0.6);
  doc
    .font('fet')
    .fontSize(12)
    .text(`Händelser (${t.handelser.length})`, MARGINAL.left, doc.y, { width: BREDD, ...del('H2') });
  doc.moveDown(0.3);

  for (const h of t.handelser) {
    // A heading never stands alone at the foot of a page.
    if (doc.y + 60 > A4.hojd - MARGINAL.bottom) doc.addPage();
    const period = h.slut === undefined ? '' : h.slut === null ? ' – pågår' : ` – ${tidText(h.slut)}`;
    doc
      .font('fet')
      .fontSize(9.5)
      .text(`${tidText(h.tid)}${period} · ${HANDELSETYPER[h.typ]} · ${h.rubrik}`, MARGINAL.left, doc.y, {
        width: BREDD,
        ...del('H3'),
      });
    doc.font('brodtext').fontSize(9);
    const rader = [h.aktor ? `Vem: ${h.aktor}` : null, h.text, h.lagrum.length > 0 ? `Lagrum: ${h.lagrum.join('; ')}` : null].filter(
      (r): r is string => Boolean(r),
    );
    for (const rad of rader) doc.text(sammanhallen(rad), MARGINAL.left + 10, doc.y, { width: BREDD - 10, lineGap: 1, ...del('P') });
    doc.moveDown(0.5);
  }
  dokument.end();

  drawOnEveryPage(doc, (sida, antal) => {
    doc.font('brodtext').fontSize(8).fillColor('#333333');
    doc.text(`${t.arendenummer} · Ärendets tidslinje · Sida ${sida} av ${antal}`, MARGINAL.left, A4.hojd - 36, {
      width: BREDD,
      align: 'right',
    });
  });
  doc.end();
  return klar;
}
