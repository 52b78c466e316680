import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../scripts/config.ts';
import { COMPOSE_CONFIG_FILE, composeHaproxyConfig, findHaproxy } from '../../scripts/lastbalanserare.ts';
import { readWorkerConfig } from '../../workers/config.ts';
import { drainMs } from '../../workers/polling.ts';
import { composeConfig, SECRETS } from '../support/compose.ts';

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  healthcheck?: { test: unknown };
  depends_on?: Record<string, { condition: string }>;
  command?: string[];
  profiles?: string[];
  ports?: unknown[];
  hostname?: string;
  stop_grace_period?: string;
}

/** A compose duration ('100s', or '1m40s' as Docker's compose plugin writes it) in seconds. */
function sekunder(duration: string | undefined): number {
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  return [...(duration ?? '').matchAll(/(\d+)(ms|h|m|s)/g)].reduce((sum, [, n, u]) => sum + Number(n) * unit[u!]!, 0);
}

/** Services of the default start (docker-compose 1.x lists profiled ones too, marked). */
const utanProfil = (services: Record<string, ComposeService>) =>
  Object.fromEntries(Object.entries(services).filter(([, s]) => !s.profiles?.length));

// Each test runs docker-compose, which takes seconds on a busy machine.
describe('docker-compose.yml, the production-shaped deployment', { timeout: 30_000 }, () => {
  it('is accepted by docker compose config when the secrets are given', () => {
    const result = composeConfig(SECRETS);
    expect(result.stderr).not.toMatch(/error|invalid/i);
    expect(result.status).toBe(0);
  });

  it('declares every service with its image or build, environment and health check', () => {
    const services = utanProfil((parse(composeConfig(SECRETS).stdout) as { services: Record<string, ComposeService> }).services);
    expect(Object.keys(services).sort()).toEqual(['engine', 'postgres', 'setup', 'ui', 'workers']);
    for (const [name, service] of Object.entries(services)) {
      expect(service.image ?? service.build, `${name} image/build`).toBeTruthy();
      expect(Object.keys(service.environment ?? {}).length, `${name} environment`).toBeGreaterThan(0);
      if (name !== 'setup') expect(service.healthcheck?.test, `${name} healthcheck`).toBeTruthy();
    }
    expect(services.engine?.build).toMatchObject({ context: path.join(repoRoot, 'engine') });
    expect(services.workers?.environment).toMatchObject({
      BOKVAR_MILJO: 'produktion',
      BOKVAR_ENGINE_URL: 'http://engine:8080/engine-rest',
      BOKVAR_WORKER_PASSWORD: 'hemligt-worker',
    });
    expect(services.workers?.depends_on?.setup?.condition).toBe('service_completed_successfully');
  });

  it('checks the workers by their fetches and the UI by its dependencies, lets workers drain, and names each replica apart', () => {
    const { services } = parse(composeConfig(SECRETS).stdout) as { services: Record<string, ComposeService> };
    const workers = services.workers!;
    // the workers' health port is set, and their check asks it (not whether process 1 runs)
    expect(workers.environment?.BOKVAR_WORKER_HALSA_PORT).toBe('3100');
    expect(JSON.stringify(workers.healthcheck?.test)).toContain("process.env.BOKVAR_WORKER_HALSA_PORT + '/halsa'");
    expect(JSON.stringify(services.ui?.healthcheck?.test)).toContain("process.env.BOKVAR_UI_PORT + '/halsa'");
    // Docker waits longer than a stopping worker lets its tasks finish (its default is 10 s)
    const drain = drainMs(readWorkerConfig(workers.environment)) / 1000;
    expect(sekunder(workers.stop_grace_period)).toBeGreaterThanOrEqual(drain + 10);
    // no fixed name for a replicated service: each container's host name differs
    expect(workers.environment).not.toHaveProperty('BOKVAR_WORKER_ID');
    expect(workers.hostname).toBeUndefined();
  });

  it('keeps the directory (LDAP) off unless asked, and hands its settings to the engine and setup', () => {
    const off = parse(composeConfig(SECRETS).stdout) as { services: Record<string, ComposeService> };
    expect(off.services.engine?.environment?.BOKVAR_LDAP_ENABLED).toBe('false');
    expect(off.services.setup?.environment?.BOKVAR_LDAP_ENABLED).toBe('false');
    const on = parse(
      composeConfig({ ...SECRETS, BOKVAR_LDAP_ENABLED: 'true', BOKVAR_LDAP_URL: 'ldaps://ldap.kommun.example:636' }).stdout,
    ) as { services: Record<string, ComposeService> };
    expect(on.services.engine?.environment).toMatchObject({
      BOKVAR_LDAP_ENABLED: 'true',
      BOKVAR_LDAP_URL: 'ldaps://ldap.kommun.example:636',
      BOKVAR_LDAP_USER_SEARCH_FILTER: '', // blank: the engine's default
    });
    expect(on.services.setup?.environment?.BOKVAR_LDAP_ENABLED).toBe('true');
  });

  it('runs two engine nodes behind HAProxy with the profile kluster, the workers and the UI through it', () => {
    const { services } = parse(composeConfig({ ...SECRETS, COMPOSE_PROFILES: 'kluster', BOKVAR_MOTOR_VARD: 'lastbalanserare' }).stdout) as {
      services: Record<string, ComposeService>;
    };
    expect(services['engine-2']?.profiles).toEqual(['kluster']);
    expect(services.lastbalanserare?.profiles).toEqual(['kluster']);
    // the same engine, its own name in the job log, after the first node (which creates the schema)
    expect(services['engine-2']?.build).toMatchObject({ context: path.join(repoRoot, 'engine') });
    expect(services['engine-2']?.environment).toMatchObject({ ...services.engine?.environment, BOKVAR_MOTORNOD: 'engine-2' });
    expect(services.engine?.environment?.BOKVAR_MOTORNOD).toBe('engine');
    expect(services['engine-2']?.depends_on?.engine?.condition).toBe('service_healthy');
    expect(services['engine-2']?.ports ?? []).toEqual([]);
    expect(services['engine-2']?.healthcheck?.test).toBeTruthy();
    expect(services.lastbalanserare?.build).toMatchObject({ context: path.join(repoRoot, 'lastbalanserare') });
    expect(services.lastbalanserare?.healthcheck?.test).toBeTruthy();
    for (const name of ['workers', 'ui', 'setup']) {
      expect(services[name]?.environment?.BOKVAR_ENGINE_URL, name).toBe('http://lastbalanserare:8080/engine-rest');
    }
  });

  it('builds HAProxy from the generated configuration, which HAProxy accepts', () => {
    expect(fs.readFileSync(COMPOSE_CONFIG_FILE, 'utf8')).toBe(composeHaproxyConfig());
    const haproxy = findHaproxy();
    if (!haproxy) throw new Error('installera haproxy (apt-get install haproxy)');
    const checked = spawnSync(haproxy, ['-c', '-q', '-f', COMPOSE_CONFIG_FILE], { encoding: 'utf8' });
    // outside Docker the node names do not resolve: a warning, not an error (init-addr none)
    expect(checked.stderr).not.toMatch(/ALERT/);
    expect(checked.status).toBe(0);
  });

  it('has no default password: without the secrets it refuses, naming one', () => {
    const result = composeConfig({});
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/POSTGRES_PASSWORD|BOKVAR_ADMIN_PASSWORD|BOKVAR_ADMIN_USER|BOKVAR_WORKER_PASSWORD/);
  });
});
