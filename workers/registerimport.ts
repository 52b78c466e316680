import { parse } from 'csv-parse/sync';
import type { Knex } from 'knex';
import { z } from 'zod';

/**
 * Importing a register extract (CSV) for the import commands: a header row with
 * named columns, one record a line, every record validated with zod. Problems
 * are reported by line number and column name, never with the values, so that
 * an import report can be mailed or logged without leaking personal data.
 */
export interface RadFel {
  /** Line in the file; the header is line 1. */
  rad: number;
  /** "kolumn: problem" — never the value. */
  fel: string[];
}

export interface ParsedCsv<T> {
  rader: { rad: number; varde: T }[];
  fel: RadFel[];
}

/** The file as a whole cannot be imported (no header, missing columns, broken quoting). */
export class CsvFilError extends Error {
  override name = 'CsvFilError';
}

export interface CsvColumns {
  /** Columns the header must name. */
  obligatoriska: readonly string[];
  /** Columns read when present. Any other column is ignored and never stored. */
  valfria: readonly string[];
}

/**
 * Parses `text` (UTF-8, optional BOM, `;` or `,` between fields — taken from the
 * header line) and validates each record with `schema`. Empty fields become
 * undefined. Header names are matched case-insensitively.
 */
export function readCsv<S extends z.ZodType>(text: string, kolumner: CsvColumns, schema: S): ParsedCsv<z.output<S>> {
  const forstaRaden = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = forstaRaden.includes(';') ? ';' : ',';
  let poster: { record: string[]; info: { lines: number } }[];
  try {
    poster = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof poster;
  } catch (error) {
    const rad = (error as { lines?: number }).lines;
    throw new CsvFilError(`Filen kan inte läsas som CSV${rad ? ` (rad ${rad})` : ''}: kontrollera citattecken och avgränsare`);
  }
  const [rubrik, ...data] = poster;
  if (!rubrik) throw new CsvFilError('Filen är tom: rubrikraden saknas');
  const namn = rubrik.record.map((k) => k.toLowerCase());
  const saknas = kolumner.obligatoriska.filter((k) => !namn.includes(k));
  if (saknas.length > 0) throw new CsvFilError(`Rubrikraden saknar kolumnerna ${saknas.join(', ')}`);
  const lasta = [...kolumner.obligatoriska, ...kolumner.valfria].map((k) => [k, namn.indexOf(k)] as const).filter(([, i]) => i >= 0);

  const resultat: ParsedCsv<z.output<S>> = { rader: [], fel: [] };
  for (const { record, info } of data) {
    if (record.length !== namn.length) {
      resultat.fel.push({ rad: info.lines, fel: [`(rad): ${record.length} fält, rubrikraden har ${namn.length}`] });
      continue;
    }
    const post: Record<string, string> = {};
    for (const [kolumn, i] of lasta) {
      const varde = record[i];
      if (varde !== undefined && varde !== '') post[kolumn] = varde;
    }
    const tolkad = schema.safeParse(post);
    if (tolkad.success) resultat.rader.push({ rad: info.lines, varde: tolkad.data });
    else {
      resultat.fel.push({
        rad: info.lines,
        fel: tolkad.error.issues.map((issue) => `${issue.path.join('.') || '(rad)'}: ${issue.message}`),
      });
    }
  }
  return resultat;
}

/** Writes records as `;`-separated CSV with a header (the inverse of readCsv). */
export function writeCsv(kolumner: readonly string[], poster: Record<string, string | undefined>[]): string {
  const falt = (v: string | undefined) => (v === undefined ? '' : /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [kolumner.join(';'), ...poster.map((p) => kolumner.map((k) => falt(p[k])).join(';'))].join('\n') + '\n';
}

/** A reported line: "rad 7: personnummer: har fel kontrollsiffra; postnummer: …". */
export function beskrivRadFel(fel: RadFel): string {
  return `rad ${fel.rad}: ${fel.fel.join('; ')}`;
}

/** Navet/SPAR flags: J (ja) or N (nej); empty means N. */
export const jaNejSchema = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.enum(['J', 'N'], { message: 'ska vara J eller N' }))
  .transform((s) => s === 'J')
  .optional()
  .transform((v) => v ?? false);

/** A date as ÅÅÅÅ-MM-DD or as Navet writes it, ÅÅÅÅMMDD; stored as ÅÅÅÅ-MM-DD. */
export const registerdatumSchema = z
  .string()
  .transform((s) => s.trim().replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3'))
  .pipe(z.iso.date({ message: 'ska vara ett datum, ÅÅÅÅ-MM-DD eller ÅÅÅÅMMDD' }));

export interface Importresultat {
  /** Valid records in the file. */
  lasta: number;
  nya: number;
  andrade: number;
  /** Valid records equal to what the table already held: not written again. */
  oforandrade: number;
  /** Rows removed because a complete extract (`ersatt`) no longer has them. */
  borttagna: number;
  /** Rejected records, by line; nothing of theirs was written. */
  fel: RadFel[];
}

export interface Tabellimport<Rad extends Record<string, unknown>> {
  tabell: string;
  /** The primary key's columns. */
  nyckel: readonly (keyof Rad & string)[];
  /** Every other column the import sets. */
  data: readonly (keyof Rad & string)[];
}

/** One register's import: the columns of its extract, the check of each record, and the table it loads into. */
export interface Registerimport<Rad extends Record<string, unknown>> {
  kolumner: CsvColumns;
  schema: z.ZodType<Rad>;
  tabell: Tabellimport<Rad>;
}

/** Reads and validates an extract; no database needed. */
export function lasUttag<Rad extends Record<string, unknown>>(register: Registerimport<Rad>, text: string): ParsedCsv<Rad> {
  return readCsv(text, register.kolumner, register.schema);
}

/** Loads an extract into the register's table (see writeToTable for upsert and `ersatt`). */
export function importeraUttag<Rad extends Record<string, unknown>>(
  db: Knex,
  register: Registerimport<Rad>,
  text: string,
  options: { ersatt?: boolean } = {},
): Promise<Importresultat> {
  return writeToTable(db, register.tabell, lasUttag(register, text), options);
}

const BATCH = 1000;

/**
 * Writes valid records to their table in one transaction: new keys inserted,
 * changed rows updated, unchanged rows left alone — so importing the same file
 * twice writes nothing the second time. With `ersatt` the file is a complete
 * extract: rows whose key it lacks are deleted, and a file with rejected records
 * (whose keys may be among them) is refused as a whole.
 */
export async function writeToTable<Rad extends Record<string, unknown>>(
  db: Knex,
  mal: Tabellimport<Rad>,
  lasta: ParsedCsv<Rad>,
  options: { ersatt?: boolean } = {},
): Promise<Importresultat> {
  const fel = [...lasta.fel];
  const sedda = new Map<string, number>();
  const rader: Rad[] = [];
  for (const { rad, varde } of lasta.rader) {
    const nyckel = mal.nyckel.map((k) => String(varde[k])).join('|');
    const tidigare = sedda.get(nyckel);
    if (tidigare !== undefined) {
      fel.push({ rad, fel: [`${mal.nyckel.join(', ')}: finns redan på rad ${tidigare}`] });
      continue;
    }
    sedda.set(nyckel, rad);
    rader.push(varde);
  }
  fel.sort((a, b) => a.rad - b.rad);
  if (options.ersatt && fel.length > 0) {
    throw new CsvFilError(`Ett fullständigt uttag med felaktiga rader läses inte in (${fel.length} rader): rätta dem och försök igen`);
  }
  if (options.ersatt && rader.length === 0) {
    throw new CsvFilError('Ett fullständigt uttag utan rader skulle tömma registret: läses inte in');
  }

  const kolumner = [...mal.nyckel, ...mal.data];
  const andrad = `(${mal.data.map((c) => `${mal.tabell}.${c}`).join(', ')}) IS DISTINCT FROM (${mal.data
    .map((c) => `excluded.${c}`)
    .join(', ')})`;
  return db.transaction(async (trx) => {
    let nya = 0;
    let andrade = 0;
    for (let i = 0; i < rader.length; i += BATCH) {
      const batch = rader.slice(i, i + BATCH).map((r) => Object.fromEntries(kolumner.map((k) => [k, r[k] ?? null])));
      const skrivna: { ny: boolean }[] = await trx(mal.tabell)
        .insert(batch)
        .onConflict(mal.nyckel as string[])
        .merge([...mal.data, 'uppdaterad'] as string[])
        .whereRaw(andrad)
        .returning(trx.raw('(xmax = 0) AS ny') as unknown as string);
      for (const s of skrivna) {
        if (s.ny) nya++;
        else andrade++;
      }
    }
    let borttagna = 0;
    if (options.ersatt) {
      const kvar = mal.nyckel.map((k) => rader.map((r) => String(r[k])));
      borttagna = await trx(mal.tabell)
        .whereNotExists(
          trx
            .select(trx.raw('1'))
            .fromRaw(trx.raw(`unnest(${mal.nyckel.map(() => '?::text[]').join(', ')}) AS k(${mal.nyckel.join(', ')})`, kvar))
            .whereRaw(mal.nyckel.map((k) => `k.${k} = ${mal.tabell}.${k}`).join(' AND ')),
        )
        .delete();
    }
    return { lasta: rader.length, nya, andrade, oforandrade: rader.length - nya - andrade, borttagna, fel };
  });
}
