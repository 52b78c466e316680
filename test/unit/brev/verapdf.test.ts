import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import type { Brevtyp } from '../../../domain/brevtyper.ts';
import { planeraBrev } from '../../../workers/brev/brev.ts';
import { MALLAR } from '../../../workers/brev/mallar/index.ts';
import { renderPdf } from '../../../workers/brev/pdf.ts';
import { renderTidslinjePdf } from '../../../ui/revision/tidslinje/pdf.ts';
import { avsandare, indata } from './stod.ts';

/**
 * Every letter type validated by veraPDF, the PDF Association's PDF/A validator
 * (Java, from Maven Central). Opt-in, since it needs Java 17+, Maven and either
 * network or a filled ~/.m2: BOKVAR_VERAPDF=1 npx vitest run test/unit/brev/verapdf.test.ts
 */
const verapdfDir = path.join(import.meta.dirname, '..', '..', 'verapdf');

function validera(filer: string[]): { status: number; utdata: string } {
  const cpFil = path.join(mkdtempSync(path.join(tmpdir(), 'verapdf-')), 'cp.txt');
  execFileSync('mvn', ['-q', '-B', 'dependency:build-classpath', `-Dmdep.outputFile=${cpFil}`], { cwd: verapdfDir, stdio: 'pipe' });
  const res = spawnSync('java', ['-cp', readFileSync(cpFil, 'utf8').trim(), path.join(verapdfDir, 'Validate.java'), ...filer], {
    encoding: 'utf8',
  });
  return { status: res.status ?? -1, utdata: res.stdout };
}

describe.runIf(process.env.BOKVAR_VERAPDF === '1')('veraPDF', () => {
  it(
    'finds every letter type and the case timeline PDF/A-2b compliant, also with protected identity, and a plain PDF not',
    { timeout: 180_000 },
    async () => {
      // given: every letter of every type, and a control that is not PDF/A
      const dir = mkdtempSync(path.join(tmpdir(), 'brev-verapdf-'));
      const filer: string[] = [];
      for (const typ of Object.keys(MALLAR) as Brevtyp[]) {
        for (const skyddadIdentitet of [false, true]) {
          const planerade = planeraBrev(indata(typ, { skyddadIdentitet }), { arendenummer: 'BV-2026-1', avsandare, skapad: new Date() });
          for (const brev of planerade) {
            const fil = path.join(dir, `${typ}-${brev.mottagare}${skyddadIdentitet ? '-skyddad' : ''}.pdf`);
            writeFileSync(fil, await renderPdf(brev.dokument));
            filer.push(fil);
          }
        }
      }
      // the auditors' case timeline uses the same PDF/A setup (domain/pdfa.ts)
      const tidslinje = path.join(dir, 'tidslinje.pdf');
      writeFileSync(
        tidslinje,
        await renderTidslinjePdf(
          {
            arendenummer: 'BV-2026-1',
            processKey: 'hot-om-avhysning',
            hyresgast: 'Åsa Örnbäck',
            skyddadIdentitet: true,
            mottagen: '2026-11-26T08:00:00.000Z',
            status: 'avslutat',
            versioner: [],
            handelser: [
              {
                typ: 'kontakt',
                tid: '2026-11-26T09:00:00.000Z',
                slut: null,
                aktor: 'vera',
                rubrik: 'Kontakt med hyresvärden',
                text: 'Grund: samtycke.',
                lagrum: ['12 kap. 2 § OSL'],
              },
            ],
          },
          { skapad: new Date(), utskrivenAv: 'rut' },
        ),
      );
      filer.push(tidslinje);
      const kontroll = path.join(dir, 'kontroll-inte-pdfa.pdf');
      writeFileSync(kontroll, await vanligPdf());

      // when
      const brev = validera(filer);
      const vanlig = validera([kontroll]);

      // then
      expect(brev.utdata.match(/compliant=true/g)?.length, brev.utdata).toBe(filer.length);
      expect(brev.status, brev.utdata).toBe(0);
      expect(vanlig.utdata).toContain('compliant=false');
      expect(vanlig.status).toBe(1);
    },
  );
});

/** pdfkit's defaults: PDF 1.3, standard Helvetica not embedded, no XMP. */
function vanligPdf(): Promise<Buffer> {
  const doc = new PDFDocument();
  const delar: Buffer[] = [];
  doc.on('data', (d: Buffer) => delar.push(d));
  const klar = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(delar))));
  doc.text('Inte PDF/A');
  doc.end();
  return klar;
}
