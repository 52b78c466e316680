import { describe, expect, it } from 'vitest';
import { cell, toCsv } from '../../../ui/revision/csv.ts';

describe('CSV for Excel', () => {
  it('starts with a byte order mark, separates with semicolons and ends lines with CRLF', () => {
    const csv = toCsv(
      [
        { rubrik: 'Ärende', varde: (r: { nr: string }) => r.nr },
        { rubrik: 'Antal', varde: () => 3 },
      ],
      [{ nr: 'BV-2026-1' }],
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('Ärende;Antal\r\nBV-2026-1;3\r\n');
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(cell('a;b')).toBe('"a;b"');
    expect(cell('sa "hej"')).toBe('"sa ""hej"""');
    expect(cell('rad1\nrad2')).toBe('"rad1\nrad2"');
  });

  it('never lets a cell run as a formula', () => {
    expect(cell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(cell('+46')).toBe("'+46");
    expect(cell('-1')).toBe("'-1");
    expect(cell(-1)).toBe('-1');
  });

  it('writes dates as ISO 8601, lists joined, empty for missing', () => {
    expect(cell(new Date('2026-11-26T08:00:00Z'))).toBe('2026-11-26T08:00:00.000Z');
    expect(cell(['a', 'b'])).toBe('a, b');
    expect(cell(null)).toBe('');
    expect(cell(undefined)).toBe('');
  });
});
