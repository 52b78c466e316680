import { Router } from 'express';
import { kravInloggadSida } from '../../auth/middleware.ts';
import { kanSeOversikt } from '../../auth/roller.ts';
import { sendForbiddenPage, sendPage } from '../html.ts';

/** The overview, /oversikt: open cases per step of each process, drawn on the models by ui/public/oversikt.js. */
export function oversiktRouter(): Router {
  const router = Router();
  router.get('/oversikt', kravInloggadSida, (req, res) => {
    if (!kanSeOversikt(req.anvandare!)) return sendForbiddenPage(req, res);
    sendPage(req, res, {
      titel: 'Översikt',
      aktiv: 'oversikt',
      stilar: ['/vendor/bpmn-js/assets/diagram-js.css', '/vendor/bpmn-js/assets/bpmn-js.css'],
      skript: ['/vendor/bpmn-js/bpmn-navigated-viewer.production.min.js', '/static/diagram.js', '/static/oversikt.js'],
      innehall: `<h1>Översikt</h1>
<p>Antal öppna ärenden per steg i varje process. Mörkare färg betyder fler ärenden.</p>
<div id="oversikt" aria-live="polite"><p>Laddar …</p></div>`,
    });
  });
  return router;
}
