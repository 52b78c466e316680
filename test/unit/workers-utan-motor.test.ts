import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 17: with the engine away the worker process must wait for it, not end
 * quietly (it did: once every fetch loop paused on its back-off timer, nothing
 * kept Node alive). The engine here is a port where nothing listens.
 */
async function ledigPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the worker process without an engine', () => {
  it('keeps asking, with back-off, and does not exit', async () => {
    const repo = path.resolve(import.meta.dirname, '..', '..');
    const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
      cwd: repo,
      env: {
        ...process.env,
        BOKVAR_ENGINE_URL: `http://127.0.0.1:${await ledigPort()}/engine-rest`,
        DATABASE_URL: `postgres://postgres@127.0.0.1:${await ledigPort()}/ingen`,
        BOKVAR_WORKER_USER: 'bokvar-worker',
        BOKVAR_WORKER_PASSWORD: 'x',
        BOKVAR_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let utdata = '';
    child.stdout.on('data', (d: Buffer) => (utdata += d.toString()));
    const avslutad = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const utfall = await Promise.race([avslutad, new Promise<'kör'>((resolve) => setTimeout(() => resolve('kör'), 15_000))]);
    child.kill('SIGKILL');
    expect(utfall, utdata).toBe('kör');
    // it did ask, and was refused, more than once
    expect(utdata.match(/poll failed/g)?.length ?? 0).toBeGreaterThan(1);
  }, 40_000);
});
