import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { Problem, zodFalt } from '../../api/problem.ts';
import { lasAllaArenden } from '../../auth/roller.ts';
import type { Engine } from '../../engine/engine.ts';
import { sendCsv } from '../csv.ts';
import { csvFor, parseTabell } from './csv.ts';
import { efterlevnadsrapport, urvalSchema } from './index.ts';
import type { Urval } from './types.ts';

/**
 * GET /api/revision/efterlevnad?fran=ÅÅÅÅ-MM-DD&till=ÅÅÅÅ-MM-DD[&process=…]
 * The compliance report as JSON, or with format=csv one of its tables
 * (tabell=oversikt | <mått>, lista=<rad> | alla for the cases behind a number).
 * Auditors only: revisor reads, nobody else. Numbers and case numbers only, so
 * no read log entry; opening a case does that.
 */
export function parseUrval(query: Request['query']): Urval {
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const process = first(query.process);
  const parsed = urvalSchema.safeParse({ fran: first(query.fran), till: first(query.till), process: process === '' ? undefined : process });
  if (!parsed.success) throw new Problem(400, 'Ogiltigt urval', 'Ange period (fran, till) och eventuellt process.', zodFalt(parsed.error));
  return parsed.data;
}

export function efterlevnadApiRouter(db: Knex, engine: Engine): Router {
  const router = Router();
  router.get('/revision/efterlevnad', async (req, res) => {
    if (!lasAllaArenden(req.anvandare!)) throw new Problem(403, 'Saknar behörighet', 'Efterlevnadsrapporten är till för revisorer.');
    const urval = parseUrval(req.query);
    const format = req.query.format ?? 'json';
    if (format !== 'json' && format !== 'csv')
      throw new Problem(400, 'Ogiltigt urval', undefined, [{ falt: 'format', fel: 'tillåtna: json, csv' }]);
    if (format === 'json') {
      res.json(await efterlevnadsrapport(db, engine, urval));
      return;
    }
    const forst = parseTabell(req.query.tabell, req.query.lista);
    if (Array.isArray(forst)) throw new Problem(400, 'Ogiltigt urval', undefined, forst);
    const rapport = await efterlevnadsrapport(db, engine, urval);
    const val = parseTabell(req.query.tabell, req.query.lista, rapport);
    if (Array.isArray(val)) throw new Problem(400, 'Ogiltigt urval', undefined, val);
    const fil = csvFor(rapport, val);
    if (!fil) throw new Problem(400, 'Ogiltigt urval', undefined, [{ falt: 'tabell', fel: 'måttet gäller inte den valda processen' }]);
    sendCsv(res, fil.filnamn, fil.csv);
  });
  return router;
}
