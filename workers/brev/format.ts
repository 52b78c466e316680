/**
 * How letters write amounts and personnummer. Written out by hand rather than
 * with Intl so that a letter's text never depends on the ICU data of the
 * machine that renders it. Dates and times: domain/svensk-tid.ts.
 */

/** 12345.5 → '12 345,50 kr'; whole kronor without decimals. */
export function beloppText(kronor: number): string {
  const ore = Math.round(kronor * 100);
  const hela = Math.trunc(Math.abs(ore) / 100);
  const rest = Math.abs(ore) % 100;
  const grupperat = String(hela).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const tecken = ore < 0 ? '−' : '';
  return `${tecken}${grupperat}${rest === 0 ? '' : ',' + String(rest).padStart(2, '0')} kr`;
}

/** '194512129876' → '19451212-9876'. */
export function personnummerText(personnummer: string): string {
  return `${personnummer.slice(0, 8)}-${personnummer.slice(8)}`;
}
