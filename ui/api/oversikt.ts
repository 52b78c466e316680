import { Router } from 'express';
import { kanSeOversikt } from '../auth/roller.ts';
import { oversikt } from '../arenden/diagram.ts';
import type { Motor } from '../engine/motor.ts';
import { Problem } from './problem.ts';

/** The overview: open instances per activity (counts only, no personal data, so no read log). */
export function oversiktRouter(motor: Motor): Router {
  const router = Router();
  router.get('/oversikt', async (req, res) => {
    if (!kanSeOversikt(req.anvandare!)) throw new Problem(403, 'Saknar behörighet');
    res.json(await oversikt(motor));
  });
  router.get('/processer/:id/xml', async (req, res) => {
    if (!kanSeOversikt(req.anvandare!)) throw new Problem(403, 'Saknar behörighet');
    if (!/^[\w.:-]+$/.test(req.params.id)) throw new Problem(404, 'Processen finns inte');
    const { bpmn20Xml } = await motor.rest.get<{ bpmn20Xml: string }>(`/process-definition/${req.params.id}/xml`);
    res.type('application/xml').send(bpmn20Xml);
  });
  return router;
}
