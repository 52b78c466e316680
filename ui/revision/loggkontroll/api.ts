import { Router } from 'express';
import type { Knex } from 'knex';
import { Problem, validationProblem } from '../../api/problem.ts';
import { sendCsv, toCsv } from '../csv.ts';
import { LASLOGG_KOLUMNER, STICKPROV_KOLUMNER } from './csv.ts';
import { alla, allaStickprov, dragnaRader, draStickprov, sok, stickprov } from './facts.ts';
import { kanGranskaLasloggar, lasloggfragaSchema, stickprovSchema, type Lasloggrad, type Stickprov } from './index.ts';

const nekadApi = () => new Problem(403, 'Saknar behörighet', 'Endast revisorer får granska läsloggen.');

/** API: GET /api/revision/lasloggar, POST …/stickprov, GET …/stickprov[/{id}] (JSON or ?format=csv). */
export function loggkontrollApiRouter(db: Knex): Router {
  const router = Router();
  router.use('/revision/lasloggar', (req, _res, next) => {
    if (!kanGranskaLasloggar(req.anvandare!)) throw nekadApi();
    next();
  });

  router.get('/revision/lasloggar', async (req, res) => {
    const parsed = lasloggfragaSchema.safeParse(req.query);
    if (!parsed.success) throw validationProblem(parsed.error);
    const { forsta, max, format, ...filter } = parsed.data;
    if (format === 'csv') return sendCsv(res, 'lasloggar.csv', toCsv(LASLOGG_KOLUMNER, await alla(db, filter)));
    const { totalt, rader } = await sok(db, filter, forsta, max);
    res.json({ totalt, forsta, max, rader: rader.map(radJson) });
  });

  router.post('/revision/lasloggar/stickprov', async (req, res) => {
    if (!req.is('application/json')) throw new Problem(415, 'Fel innehållstyp', 'Skicka begäran som application/json.');
    const parsed = stickprovSchema.safeParse(req.body);
    if (!parsed.success) throw validationProblem(parsed.error);
    const s = await draStickprov(db, req.anvandare!.id, parsed.data.filter, parsed.data.antal);
    res
      .status(201)
      .location(`/api/revision/lasloggar/stickprov/${s.id}`)
      .json({ ...stickprovJson(s), rader: (await dragnaRader(db, s)).map(radJson) });
  });

  router.get('/revision/lasloggar/stickprov', async (req, res) => {
    const lista = await allaStickprov(db);
    if (req.query.format === 'csv') return sendCsv(res, 'stickprov.csv', toCsv(STICKPROV_KOLUMNER, lista));
    res.json(lista.map(stickprovJson));
  });

  router.get('/revision/lasloggar/stickprov/:id', async (req, res) => {
    const s = await stickprov(db, req.params.id);
    if (!s) throw new Problem(404, 'Stickprovet finns inte');
    const rader = await dragnaRader(db, s);
    if (req.query.format === 'csv') return sendCsv(res, `stickprov-${s.id}.csv`, toCsv(LASLOGG_KOLUMNER, rader));
    res.json({ ...stickprovJson(s), rader: rader.map(radJson) });
  });

  return router;
}

const radJson = (r: Lasloggrad) => ({ ...r, id: String(r.id), tidpunkt: r.tidpunkt.toISOString() });

export function stickprovJson(s: Stickprov) {
  return { ...s, tidpunkt: s.tidpunkt.toISOString() };
}
