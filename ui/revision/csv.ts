import type { Response } from 'express';

/**
 * CSV for the auditors' exports, written for Excel as Swedish offices use it:
 * UTF-8 with a byte order mark (so å, ä, ö show), semicolons (the list
 * separator of Swedish Excel, where a comma is the decimal sign), CRLF line
 * ends. A cell that begins with = + - @ (or a tab/CR) is prefixed with an
 * apostrophe so that a spreadsheet never runs it as a formula.
 */
export interface CsvColumn<T> {
  rubrik: string;
  varde: (rad: T) => unknown;
}

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(', ') : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T>(kolumner: CsvColumn<T>[], rader: Iterable<T>): string {
  const rows = [kolumner.map((k) => cell(k.rubrik)).join(';')];
  for (const rad of rader) rows.push(kolumner.map((k) => cell(k.varde(rad))).join(';'));
  return `${BOM}${rows.join('\r\n')}\r\n`;
}

/** Sends a CSV download; the file name is ASCII (it goes into a header). */
export function sendCsv(res: Response, filnamn: string, csv: string): void {
  res
    .status(200)
    .set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filnamn.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'Cache-Control': 'no-store',
    })
    .send(csv);
}
