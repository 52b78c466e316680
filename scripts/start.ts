/**
 * README command 1: `npm start` runs the whole Bokvar system on this machine.
 * Ctrl-C stops everything cleanly.
 */
import { ConfigError, readStackConfig } from './config.ts';
import { redactPassword } from './database.ts';
import { DEMO_USERS } from './identity.ts';
import { startStack } from './stack.ts';

const log = (line: string) => process.stdout.write(`[bokvar] ${line}\n`);

async function main(): Promise<void> {
  const config = readStackConfig();
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
    `  Tasklist:   ${stack.engineBaseUrl}/camunda/app/tasklist/`,
    `  Cockpit:    ${stack.engineBaseUrl}/camunda/app/cockpit/`,
    `  Admin:      ${stack.engineBaseUrl}/camunda/app/admin/`,
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

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(error.message + '\n');
  else process.stderr.write(`Bokvar kunde inte starta: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
