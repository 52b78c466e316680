import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { hamtaBrevForSkickat, KLOCKMARGINAL_MS, markeraSkickat, type BrevForSkickat, type Skickat } from '../../domain/brevskickat.ts';
import { kanLasaArende } from '../auth/roller.ts';
import type { Arendeindex } from '../arenden/arendeindex.ts';
import { hamtaRad, loggaLasning } from '../arenden/arenden.ts';
import type { Engine } from '../engine/engine.ts';
import { requireWriteAccess, validate } from './intag.ts';
import { Problem, validationProblem } from './problem.ts';

const TIDPUNKT = z.iso.datetime({ offset: true });

/** The body of POST /api/brev/{id}/skickad. */
export const skickadSchema = z
  .strictObject({
    skickad: z.iso
      .datetime({ offset: true, error: 'ska vara en tidpunkt med offset, t.ex. 2026-12-03T10:15:00+01:00' })
      // only a well-formed time can lie in the future; a malformed one has its message from the format check
      .refine((s) => !TIDPUNKT.safeParse(s).success || Date.parse(s) <= Date.now() + KLOCKMARGINAL_MS, {
        error: 'får inte ligga i framtiden',
      })
      .optional()
      .meta({
        description: 'När brevet skickades (tidpunkt med offset). Standard: nu. Får inte ligga i framtiden eller före brevets tillkomst.',
      }),
  })
  .meta({ title: 'BrevSkickat', description: 'Registraturen (eller en handläggare) anmäler att ett brev har skickats' });

/** What the API answers about a letter's sending. */
function skickatSvar(brev: BrevForSkickat & { skickat: Skickat }) {
  return {
    id: brev.id,
    arendenummer: brev.arendenummer,
    typ: brev.typ,
    skapad: brev.skapad.toISOString(),
    skickad: brev.skickat.skickad.toISOString(),
    skickadAv: brev.skickat.skickadAv,
    skickadRegistrerad: brev.skickat.skickadRegistrerad.toISOString(),
  };
}

/** No such letter, or one in a case the user may not read: the same answer, so that neither is revealed. */
const saknas = () => new Problem(404, 'Brevet finns inte', 'Inget brev med det id:t i ett ärende som du har behörighet till.');

/**
 * GET /api/brev/{id}: the letter's PDF/A as archived, for those who may read its case.
 * POST /api/brev/{id}/skickad: the registry or a caseworker marks the letter sent.
 */
export function brevRouter(db: Knex, engine: Engine, arendeindex: Arendeindex): Router {
  const router = Router();

  router.get('/brev/:id', async (req, res) => {
    if (!z.uuid().safeParse(req.params.id).success) throw saknas();
    const brev = await db('brev')
      .where({ id: req.params.id })
      .first<{ arendenummer: string; typ: string; pdf: Buffer; sha256: string } | undefined>();
    if (!brev) throw saknas();
    const rad = await hamtaRad(db, brev.arendenummer);
    if (!rad || !kanLasaArende(req.anvandare!, rad.enheter, rad.barn)) throw saknas();
    await loggaLasning(db, req.anvandare!, brev.arendenummer, 'brev', req.params.id);
    res
      .type('application/pdf')
      .set('Content-Disposition', `attachment; filename="${brev.arendenummer}-${brev.typ}.pdf"`)
      .set('Cache-Control', 'no-store')
      .set('Digest', `sha-256=${Buffer.from(brev.sha256, 'hex').toString('base64')}`)
      .send(brev.pdf);
  });

  router.post('/brev/:id/skickad', async (req, res) => {
    // No body at all means "sent now"; a body must be JSON.
    const utanKropp =
      req.headers['content-type'] === undefined && (req.headers['content-length'] ?? '0') === '0' && !req.headers['transfer-encoding'];
    const indata = utanKropp ? (requireWriteAccess(req), {} as { skickad?: string }) : validate(req, skickadSchema);
    if (!z.uuid().safeParse(req.params.id).success) throw saknas();
    const svar = await registreraSkickat(db, engine, req.anvandare!.id, req.params.id, indata.skickad, (nr) => {
      return hamtaRad(db, nr).then((rad) => !!rad && kanLasaArende(req.anvandare!, rad.enheter, rad.barn));
    });
    if (svar.nytt) await arendeindex.efterAndring(svar.brev.arendenummer);
    res.status(svar.nytt ? 201 : 200).json(svar.brev);
  });
  return router;
}

/**
 * Marks a letter sent (domain/brevskickat.ts) and, for the åtagande, tells its
 * process: the process waits for `brev-skickat` after writing it (docs/brev.md,
 * "Skickat"). The variable `atagandeSkickatBrevId` is set first, then the
 * message correlated: a process that had not yet reached its wait sees the
 * variable when it gets there (or when its timer fires) instead of waiting for
 * a message that came too early. Used by the API and the case page.
 */
export async function registreraSkickat(
  db: Knex,
  engine: Engine,
  av: string,
  id: string,
  skickad: string | undefined,
  farLasa: (arendenummer: string) => Promise<boolean>,
): Promise<{ nytt: boolean; brev: ReturnType<typeof skickatSvar> }> {
  const brev = await hamtaBrevForSkickat(db, id);
  if (!brev || !(await farLasa(brev.arendenummer))) throw saknas();
  const tid = skickad ? new Date(skickad) : null;
  if (!brev.skickat && tid && tid.getTime() < brev.skapad.getTime()) {
    throw validationProblem(
      new z.ZodError([
        {
          code: 'custom',
          path: ['skickad'],
          message: `får inte ligga före brevets tillkomst (${brev.skapad.toISOString()})`,
          input: skickad,
        },
      ]),
    );
  }
  const m = await markeraSkickat(db, id, tid, av);
  if (m.utfall === 'saknas') throw saknas();
  if (m.utfall === 'konflikt') {
    throw new Problem(
      409,
      'Brevet är redan markerat som skickat',
      `Brevet registrerades som skickat ${m.brev.skickat.skickad.toISOString()} av ${m.brev.skickat.skickadAv}; en annan tidpunkt ändrar inte det.`,
    );
  }
  // Also on a repeat: a registry retrying after an engine error still reaches the process.
  if (m.brev.typ === 'atagande-betalningsansvar') await engine.notifyLetterSent(m.brev.processInstanceId, m.brev.id);
  return { nytt: m.utfall === 'markerat', brev: skickatSvar(m.brev) };
}
