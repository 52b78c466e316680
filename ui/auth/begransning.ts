/**
 * Login throttling by user name AND source address: after `max` failed
 * attempts for one user from one address within the window, further attempts
 * from that address are refused until the window has passed. A stranger
 * guessing vera's password locks only himself out: vera, from her own
 * computer, still logs in. A source that fails across many user names is
 * throttled as a whole (`maxPerKalla`), which slows password spraying without
 * touching anyone else. In memory: one UI process; a restart forgives.
 *
 * The engine's own permanent lock is switched off (application.yaml); its
 * REST API throttles the same way (LoginThrottleFilter.java).
 */
export class Inloggningsbegransning {
  private readonly misslyckade = new Map<string, number[]>();

  constructor(
    private readonly max = 5,
    private readonly fonsterMs = 10 * 60_000,
    private readonly maxPerKalla = 50,
  ) {}

  sparrad(anvandare: string, kalla: string, nu = Date.now()): boolean {
    return this.aktuella(nyckel(anvandare, kalla), nu).length >= this.max || this.aktuella(kalla, nu).length >= this.maxPerKalla;
  }

  misslyckad(anvandare: string, kalla: string, nu = Date.now()): void {
    for (const n of [nyckel(anvandare, kalla), kalla]) this.misslyckade.set(n, [...this.aktuella(n, nu), nu]);
  }

  lyckad(anvandare: string, kalla: string): void {
    this.misslyckade.delete(nyckel(anvandare, kalla));
  }

  private aktuella(n: string, nu: number): number[] {
    const kvar = (this.misslyckade.get(n) ?? []).filter((t) => nu - t < this.fonsterMs);
    if (kvar.length === 0) this.misslyckade.delete(n);
    return kvar;
  }
}

function nyckel(anvandare: string, kalla: string): string {
  return `${anvandare}\u0000${kalla}`;
}
