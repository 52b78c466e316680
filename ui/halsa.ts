import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { engineBaseUrl } from '../engine-rest/client.ts';

/**
 * The UI's health check (`GET /halsa`), for compose and the municipality's
 * monitoring: 200 when the UI reaches the engine and its own database, 503
 * naming which one it does not reach. The engine is asked at the address the
 * UI's REST client uses (BOKVAR_ENGINE_URL), not the public one: the public
 * address is the browsers' and often does not resolve inside the container.
 * The body says only up or down: no addresses, no error texts.
 */
export interface Halsa {
  status: 'ok' | 'fel';
  databas: boolean;
  motor: boolean;
}

/** Each dependency gets this long; the whole check stays inside compose's 5 s timeout. */
export const HALSA_TIDSGRANS_MS = 2000;

export function halsaHandler(db: Knex, engineRestUrl: string, tidsgransMs = HALSA_TIDSGRANS_MS) {
  const actuator = `${engineBaseUrl(engineRestUrl)}/actuator/health`;
  return async (_req: Request, res: Response): Promise<void> => {
    const [databas, motor] = await Promise.all([
      inom(tidsgransMs, db.raw('select 1')),
      inom(
        tidsgransMs,
        // actuator's health is UP (200) only when the engine, its job executor and its database are (docs/kluster.md)
        fetch(actuator, { signal: AbortSignal.timeout(tidsgransMs) }).then(async (r) => {
          await r.body?.cancel();
          if (!r.ok) throw new Error(`actuator ${r.status}`);
        }),
      ),
    ]);
    const ok = databas && motor;
    const body: Halsa = { status: ok ? 'ok' : 'fel', databas, motor };
    res
      .status(ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(body);
  };
}

/**
 * True when the work succeeds in time. The pool's wait for a connection (up to
 * knex's 60 s acquire timeout when the server does not answer at all) is not
 * covered by a query timeout, hence the race.
 */
async function inom(ms: number, work: PromiseLike<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const tidenUte = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const klar = Promise.resolve(work).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([klar, tidenUte]);
  } finally {
    clearTimeout(timer);
  }
}
