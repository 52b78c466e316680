import { describe, expect, it } from 'vitest';
import type { Brevtyp } from '../../../domain/brevtyper.ts';
import { citera } from '../../../frister/index.ts';
import { planeraBrev, type PlaneratBrev } from '../../../workers/brev/brev.ts';
import { MALLAR } from '../../../workers/brev/mallar/index.ts';
import { renderPdf } from '../../../workers/brev/pdf.ts';
import { avsandare, indata, lasPdf, type LastPdf } from './stod.ts';

const SKAPAD = new Date('2026-12-14T12:00:00+01:00');

async function skriv(brevtyp: Brevtyp, andra: Record<string, unknown> = {}): Promise<{ brev: PlaneratBrev; pdf: Buffer; last: LastPdf }[]> {
  const planerade = planeraBrev(indata(brevtyp, andra), { arendenummer: 'BV-2026-42', avsandare, skapad: SKAPAD });
  return Promise.all(
    planerade.map(async (brev) => {
      const pdf = await renderPdf(brev.dokument);
      return { brev, pdf, last: await lasPdf(pdf) };
    }),
  );
}

const GEMENSAMT = ['Östra Åby kommun', 'Socialförvaltningen', 'Datum: 14 december 2026', 'Ärendenummer: BV-2026-42', 'Åke Sjöström'];
const HYRESGASTENS_ADRESS = ['Märta Ögren-Åkesson', 'Ängsvägen 7 B lgh 1102', '987 12 Östra Åby'];

describe('each letter type, read back from its PDF', () => {
  it('informationsbrev: to the tenant by post, with the last day of the återvinningsfrist', async () => {
    // when
    const [ett, ...fler] = await skriv('informationsbrev');

    // then
    expect(fler).toHaveLength(0);
    expect(ett!.brev).toMatchObject({ mottagare: 'hyresgast', kanal: 'post', mallversion: 'informationsbrev/1', efterFrist: false });
    expect(ett!.brev.frist?.typ).toBe('atervinningsfrist');
    for (const text of [...GEMENSAMT, ...HYRESGASTENS_ADRESS, 'Hej Märta Ögren-Åkesson!', 'Älvdalens Bostäder AB']) {
      expect(ett!.last.text).toContain(text);
    }
    expect(ett!.last.text).toContain('senast den 23 december 2026');
    for (const id of ['jb-12-44-1', 'jb-12-44-4-1', 'osl-26-1', 'osl-12-2'] as const) expect(ett!.last.text).toContain(citera(id));
  });

  it('informationsbrev without a computed återvinningsfrist says nothing about one', async () => {
    const [ett] = await skriv('informationsbrev', { fristunderlag: {} });
    expect(ett!.brev.frist).toBeUndefined();
    expect(ett!.last.text).not.toContain(citera('jb-12-44-1'));
  });

  it('hembesok: announces day and time in Swedish time and says entering needs consent', async () => {
    const [ett] = await skriv('hembesok', { hembesokTid: '2026-12-17T12:30:00Z' });
    expect(ett!.brev).toMatchObject({ mottagare: 'hyresgast', kanal: 'post', mallversion: 'hembesok/1' });
    for (const text of [...GEMENSAMT, ...HYRESGASTENS_ADRESS]) expect(ett!.last.text).toContain(text);
    expect(ett!.last.text).toContain('hembesök torsdagen den 17 december 2026 kl. 13.30');
    expect(ett!.last.text).toContain(citera('rf-2-6'));
    expect(ett!.last.text).toContain(citera('jo-7595-2016'));
  });

  it('bekraftelse-kronofogden: e-mail to Kronofogden naming the caseworker, and a copy to the tenant by post', async () => {
    // when
    const [kronofogden, kopia, ...fler] = await skriv('bekraftelse-kronofogden');

    // then: two letters, both serving the same-day deadline
    expect(fler).toHaveLength(0);
    expect(kronofogden!.brev).toMatchObject({
      mottagare: 'kronofogden',
      kanal: 'epost-myndighet',
      mallversion: 'bekraftelse-kronofogden/1',
    });
    expect(kopia!.brev).toMatchObject({ mottagare: 'hyresgast', kanal: 'post', mallversion: 'bekraftelse-kronofogden/1' });
    expect(kronofogden!.brev.frist?.typ).toBe('bekraftelseKronofogden');
    expect(kopia!.brev.frist?.typ).toBe('bekraftelseKronofogden');

    const saker = [
      'Kronofogdens målnummer 12-345678-26',
      'Märta Ögren-Åkesson',
      'Personnummer 19851212-1214',
      'Avhysning 28 december 2026 kl. 09.00',
      'Ansvarig handläggare hos socialtjänsten är Åke Sjöström, Vuxenenheten Väster, telefon 0987-65 43 99, e-post ake.sjostrom@ostraaby.se',
      citera('handbok-bekraftelse-kronofogden'),
      '5 kap. 4 § SoF (ej verifierad)',
      citera('ub-16'),
    ];
    for (const text of [...GEMENSAMT, ...saker]) {
      expect(kronofogden!.last.text).toContain(text);
      expect(kopia!.last.text).toContain(text);
    }
    expect(kronofogden!.last.text).toContain('Kronofogdemyndigheten kronofogdemyndigheten@kronofogden.se');
    expect(kronofogden!.last.text).toContain('Kopia till: hyresgästen');
    expect(kronofogden!.last.text).not.toContain('Ängsvägen');
    expect(kopia!.last.text).toContain('KOPIA');
    for (const text of HYRESGASTENS_ADRESS) expect(kopia!.last.text).toContain(text);
  });

  it('atagande-betalningsansvar: registered to the landlord, citing JB 12:44 fourth paragraph point 1', async () => {
    const [ett, ...fler] = await skriv('atagande-betalningsansvar');
    expect(fler).toHaveLength(0);
    expect(ett!.brev).toMatchObject({
      mottagare: 'hyresvard',
      kanal: 'rekommenderat',
      mallversion: 'atagande-betalningsansvar/1',
      efterFrist: false,
    });
    expect(ett!.brev.frist).toMatchObject({ typ: 'atervinningsfrist', senast: '2026-12-24T00:00:00+01:00' });
    const saker = [
      'REKOMMENDERAT BREV',
      'Älvdalens Bostäder AB Att: Göran Ström Hyresvärdsgränd 3 987 60 Östra Åby',
      'Hyresgäst Märta Ögren-Åkesson',
      'Lägenhet Ängsvägen 7 B, lgh 1102, 987 12 Östra Åby',
      'Belopp 18 456,50 kr',
      'Socialnämnden i Östra Åby kommun åtar sig härmed betalningsansvaret för hyran',
      `enligt ${citera('jb-12-44-4-1')}`,
      'löper ut den 23 december 2026',
      'hyran för oktober och november 2026',
    ];
    for (const text of [...GEMENSAMT, ...saker]) expect(ett!.last.text).toContain(text);
    expect(citera('jb-12-44-4-1')).toBe('12 kap. 44 § fjärde stycket 1 jordabalken');
  });

  it('atagande-betalningsansvar after the återvinningsfrist is still written, and says so', async () => {
    const planerade = planeraBrev(indata('atagande-betalningsansvar'), {
      arendenummer: 'BV-2026-42',
      avsandare,
      skapad: new Date('2026-12-24T00:00:00+01:00'),
    });
    expect(planerade[0]!.efterFrist).toBe(true);
  });

  it('erbjudande-uppfoljning: to the tenant, voluntary, with a proposed meeting if given', async () => {
    const [ett] = await skriv('erbjudande-uppfoljning', { uppfoljningTid: '2027-01-11T10:00+01:00' });
    expect(ett!.brev).toMatchObject({ mottagare: 'hyresgast', kanal: 'post', mallversion: 'erbjudande-uppfoljning/1' });
    expect(ett!.brev.frist?.typ).toBe('uppfoljning');
    for (const text of [...GEMENSAMT, ...HYRESGASTENS_ADRESS]) expect(ett!.last.text).toContain(text);
    expect(ett!.last.text).toContain('måndagen den 11 januari 2027 kl. 10.00');
    expect(ett!.last.text).toContain(citera('handbok-uppfoljning'));
  });

  it('cites only what its template declares, and every citation goes through the catalogue', async () => {
    for (const typ of Object.keys(MALLAR) as Brevtyp[]) {
      for (const { brev, last } of await skriv(typ)) {
        expect(MALLAR[typ].lagrum).toEqual(expect.arrayContaining(brev.dokument.text.lagrum));
        expect(brev.dokument.text.lagrum.length).toBeGreaterThan(0);
        expect(last.text).toContain('Lagrum och vägledning');
        // The catalogue never cites the repealed SoL (2001:453) numbers in a letter.
        expect(last.text).not.toContain('2001:453');
      }
    }
  });
});

describe('the PDF itself', () => {
  it('declares PDF/A-2b in its XMP metadata, embeds its fonts and sets title, author and date', async () => {
    // given
    const { pdf, last } = (await skriv('atagande-betalningsansvar'))[0]!;

    // then: PDF/A identification
    expect(last.xmp?.get('pdfaid:part')).toBe('2');
    expect(last.xmp?.get('pdfaid:conformance')).toBe('B');
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(last.radata).toMatch(/\/OutputIntents/);
    expect(last.radata).toMatch(/\/GTS_PDFA1/);
    // and every font is a TrueType font embedded in the file (no standard fonts, which PDF/A forbids)
    const beskrivningar = last.radata.match(/\/Type \/FontDescriptor/g) ?? [];
    const inbaddade = last.radata.match(/\/FontFile2 \d+ 0 R/g) ?? [];
    expect(beskrivningar.length).toBe(2);
    expect(inbaddade.length).toBe(beskrivningar.length);
    expect(last.radata).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    expect(last.radata).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
    expect(last.radata).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Bold/);
    // and metadata: title with the case number, the administration as author, Swedish
    expect(last.info.Title).toBe('Åtagande om betalningsansvar för hyra, ärende BV-2026-42');
    expect(last.info.Author).toBe('Socialförvaltningen, Östra Åby kommun');
    expect(last.info.Language).toBe('sv-SE');
    expect(last.info.CreationDate).toBe('D:20261214110000Z');
  });

  it('is the same file for the same letter and creation time', async () => {
    const [brev] = planeraBrev(indata('informationsbrev'), { arendenummer: 'BV-2026-42', avsandare, skapad: SKAPAD });
    const a = await renderPdf(brev!.dokument);
    const b = await renderPdf(brev!.dokument);
    expect(a.equals(b)).toBe(true);
  });

  it('keeps every character readable after letters that used it inside another glyph (A in Å, O in Ö)', async () => {
    // given: a letter full of Å and Ö has been written, then one with A and O on their own
    await skriv('informationsbrev');
    const [kopia] = (await skriv('bekraftelse-kronofogden')).slice(1);

    // then
    expect(kopia!.last.text).toContain('KOPIA');
    expect(kopia!.last.text).toContain('Avhysning');
  });

  it('fits a typical letter on one page, with sender details and page number in the footer', async () => {
    for (const typ of Object.keys(MALLAR) as Brevtyp[]) {
      for (const { last } of await skriv(typ)) {
        expect(last.sidor).toBe(1);
        expect(last.text).toContain('Postadress: Box 42, 987 65 Östra Åby');
        expect(last.text).toContain('Sida 1 av 1');
      }
    }
  });
});
