import { arEnhet, type Enhet } from '../../domain/enheter.ts';

/**
 * Roles come from the engine's groups. Caseworker groups (the units,
 * domain/enheter.ts) register notices and events and read the cases of their
 * units; revisor reads every case and writes nothing; processagare sees the
 * overview (counts, no personal data).
 */

export interface Anvandare {
  id: string;
  grupper: string[];
  /** How the request authenticated: a browser session or HTTP Basic (system clients). */
  via: 'session' | 'basic';
  csrf?: string;
}

export function handlaggarenheter(a: Anvandare): Enhet[] {
  return a.grupper.filter(arEnhet);
}

export function kanRegistrera(a: Anvandare): boolean {
  return handlaggarenheter(a).length > 0;
}

export function lasAllaArenden(a: Anvandare): boolean {
  return a.grupper.includes('revisor');
}

export function kanLasaArenden(a: Anvandare): boolean {
  return lasAllaArenden(a) || kanRegistrera(a);
}

export function kanSeOversikt(a: Anvandare): boolean {
  return kanLasaArenden(a) || a.grupper.includes('processagare');
}

/** May the user read a case owned by these units? `barn`: the engine knows children are affected. */
export function kanLasaArende(a: Anvandare, enheter: string[], barn = false): boolean {
  if (lasAllaArenden(a)) return true;
  const egna = handlaggarenheter(a);
  if (egna.some((g) => enheter.includes(g))) return true;
  return barn && egna.includes('barn-och-unga');
}

/**
 * Is the user in one of the case's own units (barn och unga once children are
 * known)? Unlike kanLasaArende, reading every case (revisor) is not enough: what
 * only the case's own handling needs, such as a protected tenant's address, is
 * for its units alone.
 */
export function arArendetsEnhet(a: Anvandare, enheter: string[], barn = false): boolean {
  const egna = handlaggarenheter(a);
  return egna.some((g) => enheter.includes(g)) || (barn && egna.includes('barn-och-unga'));
}
