import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import type { Knex } from 'knex';
import { EngineRest } from '../engine-rest/client.ts';
import { arendenRouter } from './api/arenden.ts';
import type { Arendeindex } from './arenden/arendeindex.ts';
import { brevRouter } from './api/brev.ts';
import { intagRouter } from './api/intag.ts';
import { openapi } from './api/openapi.ts';
import { oversiktRouter } from './api/oversikt.ts';
import { Problem, problemHandler, sendProblem } from './api/problem.ts';
import { Inloggningsbegransning } from './auth/begransning.ts';
import { identifiera, kravInloggadApi } from './auth/middleware.ts';
import { Sessioner } from './auth/sessioner.ts';
import type { UiConfig } from './config.ts';
import { Engine } from './engine/engine.ts';
import { halsaHandler } from './halsa.ts';
import { tidslinjeApiRouter } from './revision/tidslinje/api.ts';
import { tidslinjePageRouter } from './revision/tidslinje/page.ts';
import { efterlevnadApiRouter } from './revision/efterlevnad/api.ts';
import { efterlevnadPageRouter } from './revision/efterlevnad/page.ts';
import { sidorRouter } from './views/sidor/index.ts';
import { loggkontrollApiRouter } from './revision/loggkontroll/api.ts';
import { loggkontrollPageRouter } from './revision/loggkontroll/page.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// Found as Node finds the package, so that the compiled UI in dist/ serves it too.
const bpmnJsDist = path.join(path.dirname(createRequire(import.meta.url).resolve('bpmn-js/package.json')), 'dist');

export interface Logger {
  error: (o: object, m: string) => void;
  info: (o: object, m: string) => void;
}

/** The UI's engine client, as its technical user. */
export function uiEngine(config: UiConfig): Engine {
  return new Engine(new EngineRest(config.BOKVAR_ENGINE_URL, { user: config.BOKVAR_UI_USER, password: config.BOKVAR_UI_PASSWORD }));
}

/**
 * The Bokvar web UI: the intake API for notices and events, the case API, and
 * the Swedish viewer (case list, case view with bpmn-js, overview, paper
 * intake form). Every route but the health check and the login page needs a
 * logged-in user.
 */

export function createApp(
  config: UiConfig,
  db: Knex,
  { engine, arendeindex }: { engine: Engine; arendeindex: Arendeindex },
  log: Logger = { error: () => {}, info: () => {} },
): Express {
  const sessioner = new Sessioner(db, config.BOKVAR_SESSION_MINUTER);
  const begransning = new Inloggningsbegransning();
  const produktion = config.BOKVAR_MILJO === 'produktion';

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', produktion ? 1 : false);
  app.use((_req, res, next) => {
    res.set({
      // bpmn-js sets style attributes on SVG elements, hence 'unsafe-inline' for styles only; scripts are 'self'.
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
      ...(produktion ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
    });
    next();
  });

  app.get('/halsa', halsaHandler(db, config.BOKVAR_ENGINE_URL));

  app.use('/static', express.static(path.join(here, 'public'), { maxAge: '1h' }));
  app.use('/vendor/bpmn-js', express.static(bpmnJsDist, { maxAge: '1d' }));

  // A path that cannot be decoded, or that carries control characters (%00 …), names nothing here.
  app.use((req, _res, next) => {
    let sokvag: string;
    try {
      sokvag = decodeURIComponent(req.path);
    } catch {
      return next(new Problem(400, 'Felaktig adress', 'Adressen innehåller en ogiltig %-kodning.'));
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(sokvag)) return next(new Problem(400, 'Felaktig adress', 'Adressen innehåller styrtecken.'));
    next();
  });
  app.use(express.json({ limit: '64kb', type: ['application/json', 'application/*+json'] }));
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));
  app.use(identifiera(engine, sessioner, begransning));

  const api = express.Router();
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(kravInloggadApi);
  api.get('/openapi.json', (_req, res) => {
    res.json(openapi());
  });
  api.use(intagRouter(db, engine, arendeindex));
  api.use(arendenRouter(db, engine, arendeindex));
  api.use(brevRouter(db, engine, arendeindex));
  api.use(oversiktRouter(engine));
  api.use(loggkontrollApiRouter(db));
  api.use(tidslinjeApiRouter(db, engine));
  api.use(efterlevnadApiRouter(db, engine));
  api.use((_req, res) => {
    sendProblem(res, 404, 'Finns inte');
  });
  app.use('/api', api);

  app.use(tidslinjePageRouter(db, engine));
  app.use(efterlevnadPageRouter(db, engine));
  app.use(sidorRouter({ db, engine, arendeindex, sessioner, begransning, produktion, engineUrl: config.BOKVAR_ENGINE_PUBLIC_URL }));
  app.use(loggkontrollPageRouter(db));
  app.use(problemHandler(log));
  return app;
}
