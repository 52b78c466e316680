import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BackupError } from './pg-tools.ts';

/**
 * What the two commands share: arguments, usage, and exit codes (0 done,
 * 1 failed, 2 wrong arguments). A failure Bokvar foresees is one line naming
 * the cause and the fix; only an unforeseen one shows its stack.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parse<T extends ParseArgsConfig['options']>(options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args: process.argv.slice(2), options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export async function runCommand(name: string, usage: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${name}: ${error.message}\n\n${usage}\n`);
      process.exitCode = 2;
    } else if (error instanceof BackupError) {
      process.stderr.write(`${name} misslyckades: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`${name} misslyckades oväntat: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
