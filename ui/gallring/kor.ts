import type { Knex } from 'knex';
import { EngineRest } from '../../engine-rest/client.ts';
import { ttlDagar } from '../../domain/gallring.ts';
import { gallra } from './gallring.ts';

/** One gallring run as the UI service and `npm run gallra` do it; logs counts, never personal data. */
export async function korGallring(
  db: Knex,
  engine: { url: string; user: string; password: string },
  historikTtl: string,
  log: { info: (o: object, m: string) => void },
): Promise<void> {
  const r = await gallra(db, new EngineRest(engine.url, { user: engine.user, password: engine.password }), ttlDagar(historikTtl));
  log.info({ noterade: r.noterade, gallrade: r.gallrade.length, misslyckade: r.misslyckade.length, kvar: r.kvar, stickprov: r.stickprov, sessioner: r.sessioner }, 'gallring klar');
}
