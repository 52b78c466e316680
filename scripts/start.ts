/**
 * README command 1: `npm start` runs the whole Bokvar system on this machine.
 * Ctrl-C stops everything cleanly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, readStackConfig, repoRoot, type StackConfig } from './config.ts';
import { redactPassword } from './database.ts';
import { leftoverServer } from './embedded-database.ts';
import { engineJarFor, engineSourcesFor } from './engine-process.ts';
import { DEMO_USERS } from './identity.ts';
import { startStack } from './stack.ts';
import { StartupError, checkJava, checkMaven, checkPortsFree, engineBuildNeeded, startFailureLine, type PortUse } from './startup-error.ts';

const log = (line: string) => process.stdout.write(`[bokvar] ${line}\n`);

/** What can be known before anything starts is checked first, so that a failure leaves nothing half-started. */
async function preflight(config: StackConfig): Promise<void> {
  const ports: PortUse[] = [
    { port: config.enginePort, what: 'motorn', variable: 'BOKVAR_ENGINE_PORT' },
    { port: config.uiPort, what: 'Bokvar UI', variable: 'BOKVAR_UI_PORT' },
    // Several engine nodes listen on the ports after the engine port, which HAProxy then takes.
    ...Array.from({ length: config.motorer > 1 ? config.motorer : 0 }, (_, i) => ({
      port: config.enginePort + i + 1,
      what: `motornod ${i + 1}`,
      variable: 'BOKVAR_ENGINE_PORT (motornoderna använder de följande portarna)',
    })),
  ];
  if (!config.databaseUrl) {
    const leftover = leftoverServer(config.dataDir, config.embeddedPostgresPort);
    if (leftover) throw leftover;
    ports.push({ port: config.embeddedPostgresPort, what: 'inbäddad PostgreSQL', variable: 'BOKVAR_EMBEDDED_PG_PORT' });
  }
  await checkPortsFree(ports);
  checkJava();
  const jar = engineJarFor(config.motor.motor);
  if (engineBuildNeeded(jar, engineSourcesFor(config.motor.motor))) checkMaven(path.relative(repoRoot, jar));
}

let config: StackConfig | undefined;

async function main(): Promise<void> {
  config = readStackConfig();
  await preflight(config);
  const started = performance.now();
  const stack = await startStack({ config, log });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stoppar UI, workers, motor och databas …`);
    await stack.stop();
    log('Stoppat.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const lines = [
    '',
    `Bokvar kör (start ${seconds} s, ${config.mode}).`,
    `  Motor:      ${config.motor.motor === 'operaton' ? 'Operaton' : 'Camunda 7 CE'} (BOKVAR_MOTOR)`,
    `  Tasklist:   ${stack.engineBaseUrl}${config.motor.webappPath}/app/tasklist/`,
    `  Cockpit:    ${stack.engineBaseUrl}${config.motor.webappPath}/app/cockpit/`,
    `  Admin:      ${stack.engineBaseUrl}${config.motor.webappPath}/app/admin/`,
    `  REST-API:   ${stack.engineRestUrl} (HTTP Basic)`,
    `  Bokvar UI:  ${stack.uiUrl}`,
    `  Databas:    ${redactPassword(stack.databaseUrl)}`,
  ];
  if (config.ldap) {
    lines.push(`  Inloggning: katalogens användare (LDAP, ${config.ldap.url}); administratör ${config.admin.user}`);
  } else if (config.mode === 'utveckling') {
    lines.push(`  Inloggningar (lösenord = användarnamn): ${config.admin.user} (administratör, processägare)`);
    for (const user of DEMO_USERS) lines.push(`    ${user.id.padEnd(6)} ${user.groups.join(', ')}`);
  }
  lines.push('Stoppa med Ctrl-C.', '');
  process.stdout.write(lines.join('\n'));
}

/** Ends with one line on stderr; an unforeseen error's whole story goes to a file beside the logs. */
function fail(error: unknown): never {
  if (error instanceof ConfigError || error instanceof StartupError || !config) {
    process.stderr.write((error instanceof Error ? error.message : String(error)) + '\n');
    process.exit(1);
  }
  const logDir = path.join(config.dataDir, 'logs');
  const detailFile = path.join(logDir, 'start-fel.log');
  try {
    fs.mkdirSync(logDir, { recursive: true });
    const story = error instanceof Error ? (error.stack ?? error.message) : String(error);
    fs.appendFileSync(detailFile, `${new Date().toISOString()} ${story}\n`);
  } catch {
    // The line below still names the cause.
  }
  process.stderr.write(startFailureLine(error, logDir, detailFile) + '\n');
  process.exit(1);
}

main().catch(fail);
