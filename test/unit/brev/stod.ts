/** Shared by the letter tests: a sender, a case with å, ä and ö everywhere, and reading a PDF back. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Brevtyp } from '../../../domain/brevtyper.ts';
import { atervinningsfrist, bekraftelseKronofogden, uppfoljning } from '../../../frister/index.ts';
import { tolkaAvsandare } from '../../../workers/brev/avsandare.ts';
import { brevIndata, type BrevIndata } from '../../../workers/brev/indata.ts';

export const avsandareData = {
  kommun: 'Östra Åby kommun',
  namnd: 'Socialnämnden',
  forvaltning: 'Socialförvaltningen',
  enhet: 'Vuxenenheten Väster',
  postadress: ['Box 42', '987 65 Östra Åby'],
  telefon: '0987-65 43 21',
  epost: 'socialtjansten@ostraaby.se',
  kronofogden: { namn: 'Kronofogdemyndigheten', epost: 'kronofogdemyndigheten@kronofogden.se' },
  sarskildPostformedling: { rader: ['Skatteverket', 'Särskild postförmedling'] },
};
export const avsandare = tolkaAvsandare(avsandareData, 'test');

export const fristunderlag = {
  // Served Wednesday 2 December 2026, notice to the committee the day before: ends Wednesday 23 December.
  atervinningsfrist: atervinningsfrist({ delgivningsdatum: '2026-12-02', mottagenSocialnamnden: '2026-12-01' }),
  bekraftelseKronofogden: bekraftelseKronofogden({ mottagen: '2026-12-14T10:15:00+01:00' }).bekraftelse,
  uppfoljning: uppfoljning({ avslutad: '2026-12-14' }),
};

export const adress = { gatuadress: 'Ängsvägen 7 B', postnummer: '98712', ort: 'Östra Åby', lagenhetsnummer: '1102' };

/** The raw variables a model would hand the worker, before validation. */
export function variabler(brevtyp: Brevtyp, andra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    brevtyp,
    skyddadIdentitet: false,
    ansvarigHandlaggare: 'Åke Sjöström',
    ansvarigHandlaggareTelefon: '0987-65 43 99',
    ansvarigHandlaggareEpost: 'ake.sjostrom@ostraaby.se',
    hyresgast: { personnummer: '19851212-1214', namn: 'Märta Ögren-Åkesson' },
    adress,
    hyresvard: { namn: 'Älvdalens Bostäder AB', kontaktperson: 'Göran Ström' },
    hyresvardAdress: { gatuadress: 'Hyresvärdsgränd 3', postnummer: '98760', ort: 'Östra Åby' },
    malnummer: '12-345678-26',
    avhysningsdatum: '2026-12-28T09:00:00+01:00',
    hyresskuld: 18456.5,
    hyresskuldAvser: 'hyran för oktober och november 2026',
    hembesokTid: '2026-12-17T13:30+01:00',
    fristunderlag: JSON.parse(JSON.stringify(fristunderlag)),
    ...andra,
  };
}

export function indata(brevtyp: Brevtyp, andra: Record<string, unknown> = {}): BrevIndata {
  return brevIndata.parse(variabler(brevtyp, andra));
}

export interface LastPdf {
  /** The text of every page, whitespace (also no-break spaces) as single spaces. */
  text: string;
  info: Record<string, unknown>;
  xmp: { get(name: string): unknown } | null;
  sidor: number;
  /** The file as Latin-1, for looking at its objects. */
  radata: string;
}

export async function lasPdf(pdf: Buffer): Promise<LastPdf> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const delar: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const innehall = await (await doc.getPage(i)).getTextContent();
    delar.push(innehall.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return {
    text: delar.join('\n').replace(/\s+/g, ' '),
    info: meta.info as Record<string, unknown>,
    xmp: meta.metadata as LastPdf['xmp'],
    sidor: delar.length,
    radata: pdf.toString('latin1'),
  };
}
