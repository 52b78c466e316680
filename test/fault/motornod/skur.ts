/**
 * A burst of notices to the intake API, sent as a client that cannot lose a
 * notice would: a refused or failed call (5xx, 409 "registreras redan", a
 * broken connection) is sent again with the same body, whose source reference
 * lands it on the same case. Every first and every later answer is counted.
 */
export interface Utfall {
  index: number;
  /** Every answer in order; 0 for a broken connection. */
  svar: number[];
  arendenummer: string | undefined;
  processInstanceId: string | undefined;
}

export interface Skur {
  utfall: Utfall[];
  /** Answers over all attempts, by status (0: no answer). */
  statusar: Record<number, number>;
}

export async function skickaSkur(options: {
  url: string;
  authorization: string;
  kroppar: Record<string, unknown>[];
  parallellt: number;
  /** Called after each accepted notice with the number accepted so far. */
  efterGodkand?: (antal: number) => void;
  maxForsok?: number;
}): Promise<Skur> {
  const utfall: Utfall[] = options.kroppar.map((_, index) => ({ index, svar: [], arendenummer: undefined, processInstanceId: undefined }));
  const statusar: Record<number, number> = {};
  let nasta = 0;
  let godkanda = 0;
  const maxForsok = options.maxForsok ?? 60;

  const skicka = async (u: Utfall): Promise<void> => {
    for (let forsok = 1; forsok <= maxForsok; forsok += 1) {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { Authorization: options.authorization, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(options.kroppar[u.index]),
        signal: AbortSignal.timeout(120_000),
      }).catch(() => undefined);
      const status = response?.status ?? 0;
      u.svar.push(status);
      statusar[status] = (statusar[status] ?? 0) + 1;
      if (response && status >= 200 && status < 300) {
        const body = (await response.json()) as { arendenummer: string; processInstanceId: string };
        u.arendenummer = body.arendenummer;
        u.processInstanceId = body.processInstanceId;
        godkanda += 1;
        options.efterGodkand?.(godkanda);
        return;
      }
      await response?.text();
      if (status !== 0 && status !== 409 && status < 500) throw new Error(`notice ${u.index} refused with ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  };

  await Promise.all(
    Array.from({ length: options.parallellt }, async () => {
      while (nasta < options.kroppar.length) {
        const u = utfall[nasta]!;
        nasta += 1;
        await skicka(u);
      }
    }),
  );
  return { utfall, statusar };
}
