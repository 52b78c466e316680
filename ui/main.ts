import { pino } from 'pino';
import { createKnex } from '../migrations/index.ts';
import { Arendeindex } from './arenden/arendeindex.ts';
import { createApp, uiEngine } from './app.ts';
import { readUiConfig } from './config.ts';
import { klientfelSomProblem } from './api/problem.ts';
import { ttlDagar } from '../domain/gallring.ts';
import { gallra } from './gallring/gallring.ts';
import { schemalaggGallring } from './gallring/schema.ts';
import { schemalaggOfullbordadeStarter } from './intake/arendestart.ts';
import { bevakaInstallningar } from '../frister/bevakning.ts';
import { FristError } from '../frister/index.ts';

const config = readUiConfig();
const log = pino({ level: config.BOKVAR_LOG_LEVEL, base: { service: 'bokvar-ui' } });
// The intake computes the first deadlines (the case list's next deadline) from the same settings
// file as the workers: it follows the file too, so a changed duration needs no restart.
const installningar = (() => {
  try {
    return bevakaInstallningar(log);
  } catch (error) {
    if (!(error instanceof FristError)) throw error;
    process.stderr.write(error.message + '\n');
    process.exit(78); // EX_CONFIG, as the workers
  }
})();
const db = createKnex(config.DATABASE_URL);
const engine = uiEngine(config);
const arendeindex = new Arendeindex(db, engine.rest, log);
// The case list reads the index; it follows the engine every few seconds (ui/arenden/arendeindex.ts).
const stoppaArendeindex = arendeindex.starta();
// A notice whose start broke off (engine or database away mid-start) is linked to its case or rolled back.
const stoppaStartstadning = schemalaggOfullbordadeStarter(db, engine, log);
const server = createApp(config, db, { engine, arendeindex, accessLog: log }, log).listen(config.BOKVAR_UI_PORT, () => {
  log.info({ port: config.BOKVAR_UI_PORT }, 'ui listening');
});
server.on('clientError', klientfelSomProblem);

// Bokvar's gallring follows the engine's history cleanup, nightly in its window (docs/gallring.md).
const stoppaGallring = schemalaggGallring(
  async () => {
    const r = await gallra(db, engine.rest, ttlDagar(config.BOKVAR_HISTORIK_TTL));
    log.info(
      {
        noterade: r.noterade,
        gallrade: r.gallrade.length,
        misslyckade: r.misslyckade.length,
        kvar: r.kvar,
        stickprov: r.stickprov,
        sessioner: r.sessioner,
      },
      'gallring klar',
    );
  },
  (error) => log.error({ err: error instanceof Error ? error.message : String(error) }, 'gallring failed'),
);

function shutdown(signal: string): void {
  log.info({ signal }, 'stopping');
  stoppaGallring();
  stoppaArendeindex();
  stoppaStartstadning();
  installningar.stop();
  server.close(() => {
    void db.destroy().then(() => process.exit(0));
  });
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
