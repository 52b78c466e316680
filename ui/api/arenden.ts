import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { kanLasaArende, kanLasaArenden } from '../auth/roller.ts';
import type { Arendeindex } from '../arenden/arendeindex.ts';
import { detalj, hamtaRad, lista, loggaLasning } from '../arenden/arenden.ts';
import { diagramdata } from '../arenden/diagram.ts';
import { registreraDelgivning, registreraRattelse } from '../../domain/rattelse.ts';
import { isNothingWaiting, type Engine } from '../engine/engine.ts';
import { taEmotHandelse } from '../arenden/handelselogg.ts';
import { handelseSchema } from '../intake/schemas.ts';
import { handelsevariabler, PROCESS_KRONOFOGDEN } from '../arenden/kronofogden-handelser.ts';
import { validate } from './intag.ts';
import { Problem, validationProblem } from './problem.ts';

export const VYER = ['api', 'arendevy', 'diagram', 'arendelista', 'brev'] as const;

export const listfragaSchema = z.strictObject({
  barn: z
    .enum(['true', 'false'])
    .transform((s) => s === 'true')
    .optional(),
  processKey: z.string().max(100).optional(),
  enhet: z.string().max(100).optional(),
  sok: z.string().max(50).optional(),
  forsta: z.coerce.number().int().min(0).default(0),
  max: z.coerce.number().int().min(1).max(500).default(50),
});

const vySchema = z.enum(VYER).default('api');

function vyFran(value: unknown): string {
  const parsed = vySchema.safeParse(value);
  return parsed.success ? parsed.data : 'api';
}

const ingetArende = () => new Problem(404, 'Ärendet finns inte', 'Inget ärende med det numret som du har behörighet till.');

// eslint-disable-next-line max-lines-per-function -- the case API's route table, each route a few lines
export function arendenRouter(db: Knex, engine: Engine, arendeindex: Arendeindex): Router {
  const router = Router();

  router.get('/arenden', async (req, res) => {
    if (!kanLasaArenden(req.anvandare!)) throw new Problem(403, 'Saknar behörighet', 'Endast handläggare och revisorer får läsa ärenden.');
    const parsed = listfragaSchema.safeParse(req.query);
    if (!parsed.success) throw validationProblem(parsed.error);
    res.json(await lista(db, req.anvandare!, parsed.data));
  });

  router.get('/arenden/:arendenummer', async (req, res) => {
    const a = req.anvandare!;
    if (!kanLasaArenden(a)) throw new Problem(403, 'Saknar behörighet', 'Endast handläggare och revisorer får läsa ärenden.');
    const d = await detalj(db, engine, a, req.params.arendenummer);
    if (!d) throw ingetArende();
    // A protected tenant's address shown to the case's unit: the log says so (loggkontroll).
    await loggaLasning(db, a, d.arendenummer, vyFran(req.query.vy), d.skyddadAdress ? 'skyddad-adress' : undefined);
    res.json(d);
  });

  /** The viewer's data for one instance of the case (the main one, or a called one). */
  router.get('/arenden/:arendenummer/diagram', async (req, res) => {
    const a = req.anvandare!;
    const d = kanLasaArenden(a) ? await detalj(db, engine, a, req.params.arendenummer) : undefined;
    if (!d) throw ingetArende();
    const instans = typeof req.query.instans === 'string' ? req.query.instans : d.processInstanceId;
    if (!d.instanser.some((i) => i.id === instans)) throw new Problem(404, 'Instansen hör inte till ärendet');
    await loggaLasning(db, a, d.arendenummer, 'diagram', instans);
    res.json(await diagramdata(engine, instans));
  });

  /**
   * Later events in a running case. The återvinningsfrist's (a registered
   * service date, a corrected notice) follow domain/rattelse.ts. Kronofogden's
   * (anstånd, keys handed in, cancelled) are taken in any state of a running
   * Kronofogden case. 409 when the case has ended or cannot take the event;
   * 404 when there is no such case. The same event sent again is taken once
   * (200, `redanMottagen`; ui/arenden/handelselogg.ts).
   */
  router.post('/arenden/:arendenummer/handelser', async (req, res) => {
    const h = validate(req, handelseSchema);
    const nr = req.params.arendenummer;
    const rad = await hamtaRad(db, nr);
    if (!rad || !kanLasaArende(req.anvandare!, rad.enheter, rad.barn)) throw ingetArende();
    if (!rad.process_instance_id) {
      throw new Problem(
        409,
        'Ärendet startas just nu',
        `Ärende ${nr} har ännu inte startat i processmotorn. Skicka händelsen igen om en minut.`,
      );
    }
    const utfall = await taEmotHandelse(db, nr, h, req.anvandare!.id, async () => {
      if (h.typ === 'delgivning-registrerad' || h.typ === 'rattat-meddelande') {
        // The återvinningsfrist's events: the rules live in domain/rattelse.ts (the Tasklist process uses them too).
        const id = rad.process_instance_id!;
        if (!(await engine.isRunning(id))) {
          throw new Problem(409, 'Ärendet är avslutat', `Ärendet ${nr} är avslutat och kan inte ta emot ${h.typ}.`);
        }
        const hinder =
          h.typ === 'delgivning-registrerad'
            ? await registreraDelgivning(engine.rest, id, nr, h.delgivningsdatum)
            : await registreraRattelse(engine.rest, id, nr, {
                mottagen: h.mottagen,
                delgivningsdatum: h.delgivningsdatum ?? null,
                brist: h.brist ?? null,
              });
        if (hinder) throw new Problem(409, 'Ärendet kan inte ta emot händelsen', hinder.text);
        return;
      }
      if (rad.process_key !== PROCESS_KRONOFOGDEN) {
        throw new Problem(
          409,
          'Händelsen gäller inte ärendet',
          `${h.typ} är ett besked från Kronofogden, och ärende ${nr} är inte ett ärende om avhysning från Kronofogden.`,
        );
      }
      if (!(await engine.isRunning(rad.process_instance_id!))) {
        throw new Problem(409, 'Ärendet är avslutat', `Ärende ${nr} är avslutat och tar inte emot händelser.`);
      }
      try {
        await engine.correlate(h.typ, nr, handelsevariabler(h, new Date()));
      } catch (error) {
        // The case is not waiting for this message (an older model version, or it has just moved on).
        if (isNothingWaiting(error)) {
          throw new Problem(
            409,
            'Ärendet kan inte ta emot händelsen nu',
            `Ärende ${nr} väntar inte på ${h.typ} just nu (det kan löpa på en äldre processversion).`,
          );
        }
        throw error;
      }
    });
    if (utfall === 'redan-mottagen') {
      res.status(200).json({ arendenummer: nr, typ: h.typ, redanMottagen: true });
      return;
    }
    await arendeindex.efterAndring(nr);
    res.status(202).json({ arendenummer: nr, typ: h.typ });
  });

  return router;
}
