import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { loggaLasning } from '../../arenden/arenden.ts';
import { Problem, zodFalt } from '../../api/problem.ts';
import { lasAllaArenden, type Anvandare } from '../../auth/roller.ts';
import type { Engine } from '../../engine/engine.ts';
import { sendCsv, toCsv } from '../csv.ts';
import { TIDSLINJE_KOLUMNER } from './csv.ts';
import { byggTidslinje, VY } from './index.ts';
import { renderTidslinjePdf } from './pdf.ts';
import type { Tidslinje } from './types.ts';

/**
 * The timeline's API: /api/revision/arenden/:nr/tidslinje (JSON, or CSV with
 * format=csv) and …/tidslinje.pdf. Revisor only. Privacy by default: no
 * timeline without a purpose (syfte), and every read is in the read log with
 * it (vy 'revision-tidslinje').
 */

const syfteText = z.string({ error: 'saknas' }).trim().min(3, 'ange syftet (minst 3 tecken)').max(200, 'för långt (högst 200 tecken)');

const apiFraga = z.object({
  syfte: syfteText,
  format: z.enum(['json', 'csv']).default('json'),
});

const ingetArende = () => new Problem(404, 'Ärendet finns inte', 'Inget ärende med det numret.');

function kravRevisor(a: Anvandare): void {
  if (!lasAllaArenden(a)) throw new Problem(403, 'Saknar behörighet', 'Ärendets tidslinje är till för revisorer.');
}

const filnamn = (nr: string, andelse: string) => `tidslinje-${nr}.${andelse}`;

/** The API: mounted under /api (which already refuses anonymous calls). */
export function tidslinjeApiRouter(db: Knex, engine: Engine): Router {
  const router = Router();

  const readTimeline = async (req: Request): Promise<{ t: Tidslinje; syfte: string; format: 'json' | 'csv' }> => {
    const a = req.anvandare!;
    kravRevisor(a);
    const fraga = apiFraga.safeParse(req.query);
    if (!fraga.success) {
      throw new Problem(400, 'Syfte krävs', 'Ange syftet med läsningen (syfte); det skrivs i läsloggen.', zodFalt(fraga.error));
    }
    const t = await byggTidslinje(db, engine, a, String(req.params.arendenummer));
    if (!t) throw ingetArende();
    return { t, ...fraga.data };
  };

  router.get('/revision/arenden/:arendenummer/tidslinje', async (req, res) => {
    const { t, syfte, format } = await readTimeline(req);
    await loggaLasning(db, req.anvandare!, t.arendenummer, VY, format, syfte);
    if (format === 'csv') return sendCsv(res, filnamn(t.arendenummer, 'csv'), toCsv(TIDSLINJE_KOLUMNER, t.handelser));
    res.json(t);
  });

  router.get('/revision/arenden/:arendenummer/tidslinje.pdf', async (req, res) => {
    const { t, syfte } = await readTimeline(req);
    await loggaLasning(db, req.anvandare!, t.arendenummer, VY, 'pdf', syfte);
    const pdf = await renderTidslinjePdf(t, { skapad: new Date(), utskrivenAv: req.anvandare!.id });
    res
      .type('application/pdf')
      .set('Content-Disposition', `attachment; filename="${filnamn(t.arendenummer, 'pdf')}"`)
      .set('Cache-Control', 'no-store')
      .send(pdf);
  });

  return router;
}
