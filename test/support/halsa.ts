import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Docker is not available on every machine that runs the tests. These helpers
 * run compose's own health-check commands (read from docker-compose.yml) as
 * Docker would, on this machine, against services started here with the
 * environment compose gives them: the check passes or fails on what the
 * service answers, exactly as in the container.
 */
const repo = path.resolve(import.meta.dirname, '..', '..');

interface ComposeFile {
  services: Record<string, { healthcheck?: { test?: string[] } }>;
}

/** A service's health-check command from docker-compose.yml, without its CMD marker. */
export function composeHealthcheck(service: string): string[] {
  const compose = parse(fs.readFileSync(path.join(repo, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
  const test = compose.services[service]?.healthcheck?.test;
  if (!test || test[0] !== 'CMD') throw new Error(`${service} has no CMD health check in docker-compose.yml`);
  return test.slice(1);
}

/** Runs the check as Docker does, with the container's environment; resolves to its exit code (0: healthy). */
export function runHealthcheck(service: string, env: Record<string, string>): Promise<number> {
  return runCheck(composeHealthcheck(service), env);
}

/** Runs a health-check command (compose's, or the Dockerfile's HEALTHCHECK); resolves to its exit code. */
export function runCheck([command, ...args]: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    // Not spawnSync: the services under test may run in this very process.
    const child = execFile(command === 'node' ? process.execPath : command!, args, {
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 5000,
    });
    child.once('exit', (code) => resolve(code ?? -1));
  });
}

/** A port where nothing listens (it was free a moment ago). */
export async function ledigPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Asks until `check` returns what is wanted, or the time is up; returns the last answer. */
export async function tills<T>(check: () => Promise<T>, wanted: (v: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (wanted(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export type Lage = 'upp' | 'nere' | 'tyst';

/** The engine as the UI and the workers ask it: actuator's health, and fetch-and-lock with nothing to do. */
export async function attrapp(): Promise<{ url: string; lage: Lage; fetches: number; close(): void }> {
  const state = { url: '', lage: 'upp' as Lage, fetches: 0, close: () => {} };
  const server = http.createServer((req, res) => {
    req.resume();
    if (state.lage === 'tyst') return; // accepts, never answers
    if (state.lage === 'nere') return void res.writeHead(503, { 'Content-Type': 'application/json' }).end('{"status":"DOWN"}');
    if (req.url === '/actuator/health') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"UP"}');
    if (req.method === 'POST' && req.url === '/engine-rest/external-task/fetchAndLock') {
      state.fetches += 1;
      // an idle long poll, shortened
      return void setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]'), 200);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  state.close = () => {
    server.closeAllConnections();
    server.close();
  };
  return state;
}
