import type { Knex } from 'knex';
import { EngineUnreachableError } from '../../engine-rest/client.ts';
import { otillgangligProblem, Problem } from '../api/problem.ts';
import { kallreferens } from '../intake/registrera.ts';
import type { Handelse } from '../intake/schemas.ts';

/**
 * A later event of a case reaches the engine once, however often
 * it is sent: the event is recorded (case, content hash) before it is handed
 * over, marked taken when the engine took it, and removed when the engine
 * surely did not (so a repeat tries again). When the connection broke after
 * the event went out, the record waits a few seconds and a repeat hands it
 * over again: each event is idempotent in the process (the same anstånd date,
 * the same service date, keys handed in), so "at least once" is safe where
 * "exactly once" cannot be known.
 */
const LAS_SEKUNDER = 90;
const OKLAR_LAS_SEKUNDER = 10;

export type Handelseutfall = 'mottagen' | 'redan-mottagen';

export async function taEmotHandelse(
  db: Knex,
  arendenummer: string,
  h: Handelse,
  av: string,
  leverera: () => Promise<void>,
): Promise<Handelseutfall> {
  const nyckel = kallreferens('handelse', h);
  const ny = await db('arendehandelser')
    .insert({
      arendenummer,
      typ: h.typ,
      nyckel,
      status: 'skickas',
      registrerad_av: av,
      las_till: db.raw('now() + make_interval(secs => ?)', [LAS_SEKUNDER]),
    })
    .onConflict(['arendenummer', 'nyckel'])
    .ignore()
    .returning('id');
  if (ny.length === 0) {
    const tagen = await db('arendehandelser')
      .where({ arendenummer, nyckel, status: 'skickas' })
      .where('las_till', '<', db.fn.now())
      .update({ las_till: db.raw('now() + make_interval(secs => ?)', [LAS_SEKUNDER]) });
    if (tagen === 0) {
      const rad = await db('arendehandelser').where({ arendenummer, nyckel }).first<{ status: string } | undefined>();
      if (rad?.status === 'mottagen') return 'redan-mottagen';
      throw new Problem(
        409,
        'Händelsen tas emot just nu',
        'Samma händelse lämnas till ärendet just nu. Skicka den igen om en minut: svaret visar då att den är mottagen.',
      );
    }
  }
  try {
    await leverera();
  } catch (error) {
    if (error instanceof EngineUnreachableError && error.reached) {
      await db('arendehandelser')
        .where({ arendenummer, nyckel, status: 'skickas' })
        .update({ las_till: db.raw('now() + make_interval(secs => ?)', [OKLAR_LAS_SEKUNDER]) })
        .catch(() => undefined);
      throw otillgangligProblem(
        'motorn',
        `Svaret från processmotorn kom inte fram, så det är oklart om ärende ${arendenummer} hann ta emot händelsen. Skicka samma händelse igen om en stund; den lämnas inte två gånger till ärendet.`,
      );
    }
    await db('arendehandelser')
      .where({ arendenummer, nyckel, status: 'skickas' })
      .delete()
      .catch(() => undefined);
    throw error;
  }
  await db('arendehandelser').where({ arendenummer, nyckel }).update({ status: 'mottagen', mottagen: db.fn.now(), las_till: null });
  return 'mottagen';
}
