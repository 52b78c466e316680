import { Router } from 'express';
import type { Knex } from 'knex';
import type { Arendeindex } from '../../arenden/arendeindex.ts';
import type { Inloggningsbegransning } from '../../auth/begransning.ts';
import { kravInloggadSida } from '../../auth/middleware.ts';
import type { Sessioner } from '../../auth/sessioner.ts';
import type { Engine } from '../../engine/engine.ts';
import { arendeRouter } from './arende.ts';
import { arendelistaRouter } from './arendelista.ts';
import { formularRouter } from './formular.ts';
import { inloggningRouter } from './inloggning.ts';
import { oversiktRouter } from './oversikt.ts';

export interface SidorDeps {
  db: Knex;
  engine: Engine;
  arendeindex: Arendeindex;
  sessioner: Sessioner;
  begransning: Inloggningsbegransning;
  produktion: boolean;
  engineUrl: string;
}

/** The Swedish pages, one module each: login, case list, case page, overview and the paper intake form. */
export function sidorRouter(d: SidorDeps): Router {
  const router = Router();
  router.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  router.use(inloggningRouter(d));
  router.get('/', kravInloggadSida, (_req, res) => res.redirect(303, '/arenden'));
  router.use(arendelistaRouter(d));
  router.use(arendeRouter(d));
  router.use(oversiktRouter());
  router.use(formularRouter(d));
  return router;
}
