import express, { type Express } from 'express';
import type { Knex } from 'knex';
import type { UiConfig } from './config.ts';

/**
 * The Bokvar web UI. For now its start page and health check; the intake API
 * and the case viewer grow here.
 */
export function createApp(config: UiConfig, db: Knex): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.set({
      'Content-Security-Policy': "default-src 'self'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    });
    next();
  });

  app.get('/halsa', async (_req, res) => {
    const [database, engine] = await Promise.all([
      db.raw('SELECT 1').then(() => true, () => false),
      fetch(`${config.BOKVAR_ENGINE_PUBLIC_URL}/actuator/health`).then((r) => r.ok, () => false),
    ]);
    const ok = database && engine;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'fel', databas: database, motor: engine });
  });

  app.get('/', (_req, res) => {
    res.type('html').send(startPage(config.BOKVAR_ENGINE_PUBLIC_URL));
  });

  return app;
}

function startPage(engineUrl: string): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bokvar</title>
</head>
<body>
<main>
<h1>Bokvar</h1>
<p>Processtöd för socialtjänstens arbete med att förebygga avhysningar.</p>
<ul>
<li><a href="${engineUrl}/camunda/app/tasklist/">Tasklist</a> – handläggarnas uppgifter</li>
<li><a href="${engineUrl}/camunda/app/cockpit/">Cockpit</a> – processer och incidenter</li>
</ul>
</main>
</body>
</html>`;
}
