/**
 * Simple login throttling: after `max` failed attempts for a user name within
 * the window, further attempts are refused until the window has passed. In
 * memory: one UI process; a restart forgives, which the engine's own
 * throttling covers.
 */
export class Inloggningsbegransning {
  private readonly misslyckade = new Map<string, number[]>();

  constructor(
    private readonly max = 5,
    private readonly fonsterMs = 10 * 60_000,
  ) {}

  sparrad(nyckel: string, nu = Date.now()): boolean {
    return this.aktuella(nyckel, nu).length >= this.max;
  }

  misslyckad(nyckel: string, nu = Date.now()): void {
    this.misslyckade.set(nyckel, [...this.aktuella(nyckel, nu), nu]);
  }

  lyckad(nyckel: string): void {
    this.misslyckade.delete(nyckel);
  }

  private aktuella(nyckel: string, nu: number): number[] {
    const kvar = (this.misslyckade.get(nyckel) ?? []).filter((t) => nu - t < this.fonsterMs);
    if (kvar.length === 0) this.misslyckade.delete(nyckel);
    return kvar;
  }
}
