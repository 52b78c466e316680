/**
 * `npm run gallra`: Bokvar's gallring once, now — what the UI service does
 * every night in the engine's cleanup window (docs/gallring.md). For operators
 * after a change of the records plan, or to check what is due.
 */
import { z } from 'zod';
import { HISTORIK_TTL_FEL, HISTORIK_TTL_FORMAT, HISTORIK_TTL_STANDARD, ttlDagar } from '../domain/gallring.ts';
import { EngineRest } from '../engine-rest/client.ts';
import { createKnex } from '../migrations/index.ts';
import { gallra } from '../ui/gallring/gallring.ts';
import { DEV_UI_PASSWORD } from './config.ts';

const env = z
  .object({
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
    BOKVAR_ENGINE_URL: z.url().default('http://localhost:8080/engine-rest'),
    BOKVAR_UI_USER: z.string().min(1).default('bokvar-ui'),
    BOKVAR_UI_PASSWORD: z.string().min(1).default(DEV_UI_PASSWORD),
    BOKVAR_HISTORIK_TTL: z.string().regex(HISTORIK_TTL_FORMAT, HISTORIK_TTL_FEL).default(HISTORIK_TTL_STANDARD),
  })
  .parse(process.env);

const db = createKnex(env.DATABASE_URL);
try {
  const engine = new EngineRest(env.BOKVAR_ENGINE_URL, { user: env.BOKVAR_UI_USER, password: env.BOKVAR_UI_PASSWORD });
  const r = await gallra(db, engine, ttlDagar(env.BOKVAR_HISTORIK_TTL));
  console.log(
    [
      `Gallring (${env.BOKVAR_HISTORIK_TTL}):`,
      `  avslutade ärenden noterade: ${r.noterade}`,
      `  gallrade ärenden: ${r.gallrade.length}${r.gallrade.length > 0 ? ` (${r.gallrade.join(', ')})` : ''}`,
      `  misslyckades (försöks igen nästa körning): ${r.misslyckade.length}${r.misslyckade.length > 0 ? ` (${r.misslyckade.join(', ')})` : ''}`,
      `  avslutade ärenden kvar: ${r.kvar}`,
      `  gallrade stickprov: ${r.stickprov}`,
      `  utgångna sessioner borttagna: ${r.sessioner}`,
    ].join('\n'),
  );
  if (r.misslyckade.length > 0) process.exitCode = 1;
} finally {
  await db.destroy();
}
