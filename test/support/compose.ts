import { spawnSync } from 'node:child_process';
import { repoRoot } from '../../scripts/config.ts';

/**
 * No Docker engine runs here, but the compose client can validate and resolve
 * the file. Docker's compose plugin where present, else Debian's docker-compose.
 */
export function composeConfig(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const plugin = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  const [command, args] = plugin.status === 0 ? ['docker', ['compose', 'config']] : ['docker-compose', ['config']];
  const result = spawnSync(command, args as string[], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  if (result.error) throw new Error(`${command} is not installed: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The secrets compose requires (it has no defaults for them). */
export const SECRETS = {
  BOKVAR_ADMIN_USER: 'admin',
  BOKVAR_ADMIN_PASSWORD: 'hemligt-admin',
  BOKVAR_WORKER_PASSWORD: 'hemligt-worker',
  BOKVAR_UI_PASSWORD: 'hemligt-ui',
  POSTGRES_PASSWORD: 'hemligt-pg',
};
