/**
 * When two addresses are the same. A landlord writes "Vasagatan 12 b, lgh 1102",
 * the register "VASAGATAN 12B" with lägenhetsnummer 1102: both must meet. The
 * street line is normalised (upper case, no punctuation, no flat number, the
 * house letter joined to its number) and joined with the postcode — the town
 * adds nothing the postcode does not already say. The import stores this key
 * beside every registered address, and the register looks persons up by it.
 */
export function adressnyckel(gatuadress: string, postnummer: string): string {
  return `${gatunyckel(gatuadress)}|${postnummer.replace(/\s/g, '')}`;
}

const LAGENHET = /\b(?:LGH|LÄGENHET|LÄG)\.?\s*(?:NR\.?\s*)?(\d{4})\b/u;

function gatunyckel(gatuadress: string): string {
  return gatuadress
    .normalize('NFC')
    .toLocaleUpperCase('sv-SE')
    .replace(new RegExp(LAGENHET.source, 'gu'), ' ')
    .replace(/[.,:;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(\d+)\s+([A-ZÅÄÖ])(?=\s|$)/gu, '$1$2');
}

/** The flat number written into an address line ("Vasagatan 12, lgh 1102"), if any. */
export function lagenhetsnummerIAdressrad(rad: string): string | undefined {
  return LAGENHET.exec(rad.normalize('NFC').toLocaleUpperCase('sv-SE'))?.[1];
}
