import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { svenskTidpunkt } from '../../domain/svensk-tid.ts';
import { kanRegistrera } from '../auth/roller.ts';
import type { Arendeindex } from '../arenden/arendeindex.ts';
import type { Engine } from '../engine/engine.ts';
import { registreraKronofogden, registreraUnderrattelse, type Registrerat } from '../intake/registrera.ts';
import { kronofogdeMeddelandeSchema, underrattelseSchema } from '../intake/schemas.ts';
import { Problem, validationProblem } from './problem.ts';

/** POST /api/underrattelser and /api/kronofogden-meddelanden: the two notices that start cases. */
export function intagRouter(db: Knex, engine: Engine, arendeindex: Arendeindex): Router {
  const router = Router();
  router.post('/underrattelser', async (req, res) => {
    const u = validate(req, underrattelseSchema);
    respond(res, await indexerat(arendeindex, registreraUnderrattelse(db, engine, u, req.anvandare!.id)));
  });
  router.post('/kronofogden-meddelanden', async (req, res) => {
    const k = validate(req, kronofogdeMeddelandeSchema);
    respond(res, await indexerat(arendeindex, registreraKronofogden(db, engine, k, req.anvandare!.id)));
  });
  return router;
}

/** A registered case is in the case list when the answer arrives (a repeat already is). */
export async function indexerat(arendeindex: Arendeindex, registrering: Promise<Registrerat>): Promise<Registrerat> {
  const r = await registrering;
  if (r.nytt) await arendeindex.nyttArende(r.svar.arendenummer, forstaFrist(r.svar.frister));
  return r;
}

/** The earliest of the notice's deadlines (instants with offset, or Swedish days). */
function forstaFrist(frister: Record<string, string>): Date | null {
  const tider = Object.values(frister)
    .map((v) => svenskTidpunkt(v))
    .filter((t) => t.isValid)
    .map((t) => t.toMillis())
    .sort((a, b) => a - b);
  return tider.length > 0 ? new Date(tider[0]!) : null;
}

export function requireWriteAccess(req: Request): void {
  if (!kanRegistrera(req.anvandare!)) {
    throw new Problem(403, 'Saknar behörighet', 'Endast handläggare får registrera underrättelser och händelser.');
  }
}

/** A write request's body: the caller may write, it is JSON without control characters and fits the schema; otherwise a Problem. */
export function validate<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  requireWriteAccess(req);
  if (!req.is('application/json')) {
    throw new Problem(415, 'Fel innehållstyp', 'Skicka meddelandet som application/json.');
  }
  const styrtecken = faltMedStyrtecken(req.body);
  if (styrtecken.length > 0) {
    throw new Problem(
      400,
      'Ogiltiga uppgifter',
      'Meddelandet har fel och har inte tagits emot; inget har ändrats.',
      styrtecken.map((falt) => ({ falt, fel: 'innehåller styrtecken (t.ex. NUL), som inget fält får ha' })),
    );
  }
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) throw validationProblem(parsed.error);
  return parsed.data;
}

// Line breaks and tabs belong in free text; every other control character is refused.
// eslint-disable-next-line no-control-regex
const STYRTECKEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * The fields (dotted paths) whose text or name holds a control character: the engine and the database refuse them later.
 * Walks with its own stack, not by recursion: a body may nest 10,000 levels deep, and the call stack would overflow (500).
 */
export function faltMedStyrtecken(varde: unknown): string[] {
  const fynd: string[] = [];
  const kvar: { varde: unknown; sokvag: string; nyckelMedStyrtecken?: true }[] = [{ varde, sokvag: '' }];
  const under = (sokvag: string, k: string | number) => `${sokvag}${sokvag ? '.' : ''}${k}`;
  while (kvar.length > 0) {
    const { varde: v, sokvag, nyckelMedStyrtecken } = kvar.pop()!;
    if (nyckelMedStyrtecken) {
      fynd.push(sokvag);
    } else if (typeof v === 'string') {
      if (STYRTECKEN.test(v)) fynd.push(sokvag || '(hela meddelandet)');
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) kvar.push({ varde: v[i], sokvag: under(sokvag, i) });
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v).reverse()) {
        kvar.push(
          STYRTECKEN.test(k)
            ? { varde: undefined, sokvag: under(sokvag, k), nyckelMedStyrtecken: true }
            : { varde: x, sokvag: under(sokvag, k) },
        );
      }
    }
  }
  return fynd;
}

/** 201 for a new case, 200 for a repeat; the case's address either way. */
function respond(res: Response, r: Registrerat): void {
  res
    .status(r.nytt ? 201 : 200)
    .location(`/api/arenden/${r.svar.arendenummer}`)
    .json(r.svar);
}
