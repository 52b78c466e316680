import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { kanLasaArende } from '../auth/roller.ts';
import { hamtaRad, loggaLasning } from '../arenden/arenden.ts';
import { Problem } from './problem.ts';

/** GET /api/brev/{id}: the letter's PDF/A as archived, for those who may read its case. */
export function brevRouter(db: Knex): Router {
  const router = Router();
  router.get('/brev/:id', async (req, res) => {
    const saknas = new Problem(404, 'Brevet finns inte');
    if (!z.uuid().safeParse(req.params.id).success) throw saknas;
    const brev = await db('brev').where({ id: req.params.id }).first<{ arendenummer: string; typ: string; pdf: Buffer; sha256: string } | undefined>();
    if (!brev) throw saknas;
    const rad = await hamtaRad(db, brev.arendenummer);
    if (!rad || !kanLasaArende(req.anvandare!, rad.enheter, rad.barn)) throw saknas;
    await loggaLasning(db, req.anvandare!, brev.arendenummer, 'brev', req.params.id);
    res
      .type('application/pdf')
      .set('Content-Disposition', `attachment; filename="${brev.arendenummer}-${brev.typ}.pdf"`)
      .set('Cache-Control', 'no-store')
      .set('Digest', `sha-256=${Buffer.from(brev.sha256, 'hex').toString('base64')}`)
      .send(brev.pdf);
  });
  return router;
}
