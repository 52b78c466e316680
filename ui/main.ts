import { pino } from 'pino';
import { createKnex } from '../migrations/index.ts';
import { createApp } from './app.ts';
import { readUiConfig } from './config.ts';

const config = readUiConfig();
const log = pino({ level: config.BOKVAR_LOG_LEVEL, base: { service: 'bokvar-ui' } });
const db = createKnex(config.DATABASE_URL);
const server = createApp(config, db, log).listen(config.BOKVAR_UI_PORT, () => {
  log.info({ port: config.BOKVAR_UI_PORT }, 'ui listening');
});

function shutdown(signal: string): void {
  log.info({ signal }, 'stopping');
  server.close(() => {
    void db.destroy().then(() => process.exit(0));
  });
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
