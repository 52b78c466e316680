/**
 * When Bokvar's gallring runs: once a night inside the engine's history
 * cleanup window (engine/src/main/resources/application.yaml:
 * history-cleanup-batch-window 01:00–05:00, engine JVM in UTC), so it follows
 * what the engine removed. Checked every 15 minutes; a restart inside the
 * window may run it twice, which removes nothing more.
 */
export const GALLRINGSFONSTER_UTC = { fran: 1, till: 5 } as const;

export function iFonstret(nu: Date): boolean {
  const timme = nu.getUTCHours();
  return timme >= GALLRINGSFONSTER_UTC.fran && timme < GALLRINGSFONSTER_UTC.till;
}

export function schemalaggGallring(kor: () => Promise<void>, onError: (error: unknown) => void, intervallMs = 15 * 60_000): () => void {
  let senastKord = '';
  let pagar = false;
  const tick = () => {
    const nu = new Date();
    const natt = nu.toISOString().slice(0, 10);
    if (pagar || senastKord === natt || !iFonstret(nu)) return;
    pagar = true;
    kor()
      .then(() => {
        senastKord = natt;
      }, onError)
      .finally(() => {
        pagar = false;
      });
  };
  const timer = setInterval(tick, intervallMs);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}
