/**
 * Retention (gallring): how long a case's data is kept after the case ended.
 * One setting, BOKVAR_HISTORIK_TTL, an ISO 8601 period in whole days (the
 * municipality's records plan decides it). The engine takes it as its history
 * time to live, provisioning applies it to every deployed definition, and
 * Bokvar's own cleanup follows the engine (docs/gallring.md).
 */
export const HISTORIK_TTL_FORMAT = /^P(\d+)D$/;
export const HISTORIK_TTL_STANDARD = 'P1826D';
export const HISTORIK_TTL_FEL = 'ska vara en ISO 8601-period i dagar, t.ex. P1826D';

/** 'P1826D' → 1826, the engine's historyTimeToLive in days. */
export function ttlDagar(ttl: string): number {
  const match = HISTORIK_TTL_FORMAT.exec(ttl);
  if (!match) throw new Error(`BOKVAR_HISTORIK_TTL ${HISTORIK_TTL_FEL}`);
  return Number(match[1]);
}
