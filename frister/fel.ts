/**
 * Felen som fristkalendern kastar. Varje feltext finns här, på ett ställe,
 * så att arbetare och UI kan visa dem och testerna kan känna igen dem.
 */

export type FristErrorCode =
  'OGILTIGT_DATUM' | 'TIDPUNKT_KRAVS' | 'AR_UTANFOR_INTERVALL' | 'OGILTIG_FORLANGNING' | 'OGILTIGT_ANTAL' | 'OGILTIGA_INSTALLNINGAR';

export class FristError extends Error {
  readonly kod: FristErrorCode;

  constructor(kod: FristErrorCode, meddelande: string) {
    super(meddelande);
    this.name = 'FristError';
    this.kod = kod;
  }
}

export const felText = {
  ogiltigtDatum: (falt: string, varde: unknown) =>
    `Kunde inte tolka ${falt}: ${JSON.stringify(varde)} är varken ett datum (ÅÅÅÅ-MM-DD) eller en ISO 8601-tidpunkt.`,
  tidpunktKravs: (falt: string, varde: unknown) =>
    `Kunde inte beräkna: ${falt} måste vara en tidpunkt (ISO 8601 med klockslag), inte bara ett datum: ${JSON.stringify(varde)}.`,
  arUtanforIntervall: (ar: number) =>
    `Helgdagar beräknas bara från och med år 2005 (nationaldagen blev allmän helgdag då); år ${ar} stöds inte.`,
  forlangningSkalSaknas: () => 'Kunde inte förlänga: ett särskilt skäl måste anges och dokumenteras.',
  forlangningInteLangre: (ny: string, gammal: string) =>
    `Kunde inte förlänga: den nya tiden (${ny}) måste vara längre än den nuvarande (${gammal}).`,
  ogiltigtAntal: (falt: string, varde: unknown) =>
    `Kunde inte beräkna: ${falt} måste vara ett heltal större än 0, fick ${JSON.stringify(varde)}.`,
  ogiltigaInstallningar: (fil: string, detaljer: string[]) =>
    `Ogiltig fil med fristinställningar (${fil}):\n${detaljer.map((d) => `  - ${d}`).join('\n')}`,
} as const;
