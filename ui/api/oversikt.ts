import { Router } from 'express';
import { kanSeOversikt } from '../auth/roller.ts';
import { oversikt } from '../arenden/diagram.ts';
import type { Engine } from '../engine/engine.ts';
import { Problem } from './problem.ts';

/**
 * The overview: open instances per activity (counts only, no personal data, so
 * no read log). The engine's statistics query takes over a second at 10 000
 * open cases, so one answer serves every viewer for a few seconds, and
 * concurrent requests share one engine query.
 */
export function oversiktRouter(engine: Engine, cacheMs = 5_000): Router {
  const router = Router();
  let senast: { till: number; data: Promise<Awaited<ReturnType<typeof oversikt>>> } | undefined;
  router.get('/oversikt', async (req, res) => {
    if (!kanSeOversikt(req.anvandare!)) throw new Problem(403, 'Saknar behörighet');
    if (!senast || senast.till < Date.now()) {
      const data = oversikt(engine);
      senast = { till: Date.now() + cacheMs, data };
      data.catch(() => {
        senast = undefined;
      });
    }
    res.set('Cache-Control', 'no-store').json(await senast.data);
  });
  router.get('/processer/:id/xml', async (req, res) => {
    if (!kanSeOversikt(req.anvandare!)) throw new Problem(403, 'Saknar behörighet');
    if (!/^[\w.:-]+$/.test(req.params.id)) throw new Problem(404, 'Processen finns inte');
    const { bpmn20Xml } = await engine.repository.processDefinitionXml(req.params.id);
    res.type('application/xml').send(bpmn20Xml);
  });
  return router;
}
