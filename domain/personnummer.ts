/**
 * Swedish personal identity numbers (personnummer, and samordningsnummer where
 * the day is + 60). Bokvar stores the 12-digit form ÅÅÅÅMMDDNNNK; people write
 * ÅÅMMDD-NNNK, ÅÅÅÅMMDD-NNNK or without the hyphen.
 */
export type Personnummer = string & { readonly __brand: 'Personnummer' };

export type PersonnummerFel = 'format' | 'datum' | 'kontrollsiffra';

export const personnummerFelText: Record<PersonnummerFel, string> = {
  format: 'ska skrivas ÅÅÅÅMMDD-NNNN (12 siffror)',
  datum: 'innehåller inget giltigt födelsedatum',
  kontrollsiffra: 'har fel kontrollsiffra',
};

/** The Luhn check digit over the 9 digits ÅÅMMDDNNN. */
export function kontrollsiffra(nioSiffror: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nioSiffror[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Parses the 12-digit form (with or without hyphen). The 10-digit form is not
 * accepted: its century is ambiguous, and Bokvar must not guess it.
 */
export function tolkaPersonnummer(text: string): { ok: true; varde: Personnummer } | { ok: false; fel: PersonnummerFel } {
  const match = /^(\d{4})(\d{2})(\d{2})-?(\d{3})(\d)$/.exec(text.trim());
  if (!match) return { ok: false, fel: 'format' };
  const [, ar, manad, dag, lopnummer, kontroll] = match as unknown as [string, string, string, string, string, string];
  const dagNummer = Number(dag) > 60 ? Number(dag) - 60 : Number(dag); // samordningsnummer
  const datum = new Date(Date.UTC(Number(ar), Number(manad) - 1, dagNummer));
  if (
    datum.getUTCFullYear() !== Number(ar) ||
    datum.getUTCMonth() !== Number(manad) - 1 ||
    datum.getUTCDate() !== dagNummer ||
    Number(ar) < 1880
  ) {
    return { ok: false, fel: 'datum' };
  }
  if (kontrollsiffra(ar.slice(2) + manad + dag + lopnummer) !== Number(kontroll)) {
    return { ok: false, fel: 'kontrollsiffra' };
  }
  return { ok: true, varde: `${ar}${manad}${dag}${lopnummer}${kontroll}` as Personnummer };
}

/** Birth date (YYYY-MM-DD) of a valid personnummer. */
export function fodelsedatum(pnr: Personnummer): string {
  const dag = Number(pnr.slice(6, 8));
  return `${pnr.slice(0, 4)}-${pnr.slice(4, 6)}-${String(dag > 60 ? dag - 60 : dag).padStart(2, '0')}`;
}

/** Age in whole years on a given day (YYYY-MM-DD). */
export function alder(pnr: Personnummer, pa: string): number {
  const [fy, fm, fd] = fodelsedatum(pnr).split('-').map(Number) as [number, number, number];
  const [y, m, d] = pa.split('-').map(Number) as [number, number, number];
  return y - fy - (m < fm || (m === fm && d < fd) ? 1 : 0);
}
