import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readStackConfig, repoRoot } from '../../scripts/config.ts';
import { ldapEngineEnvironment } from '../../scripts/ldap-config.ts';
import { readWorkerConfig, WorkerConfigError } from '../../workers/config.ts';

describe('stack configuration', () => {
  it('has documented defaults in development', () => {
    const config = readStackConfig({});
    expect(config).toMatchObject({
      mode: 'utveckling',
      databaseUrl: undefined,
      enginePort: 8080,
      uiPort: 3000,
      admin: { user: 'demo', password: 'demo' },
      historyTimeToLive: 'P1826D',
    });
  });

  it('has no default password in production and names what is missing', () => {
    expect(() => readStackConfig({ BOKVAR_MILJO: 'produktion' })).toThrow(ConfigError);
    expect(() => readStackConfig({ BOKVAR_MILJO: 'produktion' })).toThrow(
      /BOKVAR_ADMIN_USER: krävs i produktion[\s\S]*BOKVAR_ADMIN_PASSWORD[\s\S]*BOKVAR_WORKER_PASSWORD/,
    );
  });

  it('rejects a malformed setting by name', () => {
    expect(() => readStackConfig({ BOKVAR_ENGINE_PORT: 'åttatusen' })).toThrow(/BOKVAR_ENGINE_PORT/);
    expect(() => readStackConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL/);
  });
});

describe('directory (LDAP) configuration', () => {
  const on = {
    BOKVAR_LDAP_ENABLED: 'true',
    BOKVAR_LDAP_URL: 'ldaps://ldap.kommun.example:636',
    BOKVAR_LDAP_BASE_DN: 'dc=kommun,dc=example',
    BOKVAR_LDAP_MANAGER_DN: 'cn=bokvar,ou=tjanstekonton,dc=kommun,dc=example',
    BOKVAR_LDAP_MANAGER_PASSWORD: 'hemligt',
  };

  it('is off by default, and the engine is told so explicitly', () => {
    expect(readStackConfig({}).ldap).toBeUndefined();
    expect(ldapEngineEnvironment(undefined)).toEqual({ BOKVAR_LDAP_ENABLED: 'false' });
  });

  it('names every setting an enabled directory lacks', () => {
    expect(() => readStackConfig({ BOKVAR_LDAP_ENABLED: 'true' })).toThrow(
      /BOKVAR_LDAP_URL: krävs[\s\S]*BOKVAR_LDAP_BASE_DN: krävs[\s\S]*BOKVAR_LDAP_MANAGER_DN: krävs[\s\S]*BOKVAR_LDAP_MANAGER_PASSWORD: krävs/,
    );
  });

  it('rejects a malformed setting by name', () => {
    expect(() => readStackConfig({ BOKVAR_LDAP_ENABLED: 'ja' })).toThrow(/BOKVAR_LDAP_ENABLED: ska vara true eller false/);
    expect(() => readStackConfig({ ...on, BOKVAR_LDAP_URL: 'https://ldap.kommun.example' })).toThrow(/BOKVAR_LDAP_URL/);
    expect(() => readStackConfig({ ...on, BOKVAR_LDAP_GROUP_SEARCH_FILTER: 'objectClass=group' })).toThrow(
      /BOKVAR_LDAP_GROUP_SEARCH_FILTER/,
    );
    expect(() => readStackConfig({ ...on, BOKVAR_LDAP_USER_ID_ATTRIBUTE: 'sAM Account' })).toThrow(/BOKVAR_LDAP_USER_ID_ATTRIBUTE/);
  });

  it('takes the defaults for blank settings and hands the whole set to the engine', () => {
    const config = readStackConfig({ ...on, BOKVAR_LDAP_GROUP_SEARCH_FILTER: ' ', BOKVAR_LDAP_ADMIN_GROUP: 'bokvar-admin' });
    expect(config.ldap).toMatchObject({
      url: 'ldaps://ldap.kommun.example:636',
      userSearchFilter: '(objectClass=inetOrgPerson)',
      groupSearchFilter: '(objectClass=groupOfNames)',
      userIdAttribute: 'uid',
      groupIdAttribute: 'cn',
      groupMemberAttribute: 'member',
      authorizationCheck: true,
      adminGroup: 'bokvar-admin',
    });
    expect(ldapEngineEnvironment(config.ldap)).toMatchObject({
      BOKVAR_LDAP_ENABLED: 'true',
      BOKVAR_LDAP_URL: 'ldaps://ldap.kommun.example:636',
      BOKVAR_LDAP_MANAGER_PASSWORD: 'hemligt',
      BOKVAR_LDAP_AUTHORIZATION_CHECK: 'true',
      BOKVAR_LDAP_ADMIN_GROUP: 'bokvar-admin',
    });
  });
});

describe('workers configuration', () => {
  const valid = {
    BOKVAR_ENGINE_URL: 'http://localhost:8080/engine-rest',
    BOKVAR_WORKER_USER: 'bokvar-worker',
    BOKVAR_WORKER_PASSWORD: 'x',
    DATABASE_URL: 'postgres://localhost/bokvar',
  };

  it('reads a valid environment with sensible defaults', () => {
    expect(readWorkerConfig(valid)).toMatchObject({
      BOKVAR_WORKER_LONG_POLL_MS: 20_000,
      BOKVAR_WORKER_MAX_PARALLEL: 8,
      BOKVAR_WORKER_RETRIES: 5,
    });
  });

  it('names each missing or invalid setting', () => {
    const { BOKVAR_WORKER_PASSWORD: _, ...missing } = valid;
    expect(() => readWorkerConfig({ ...missing, BOKVAR_WORKER_MAX_PARALLEL: '0' })).toThrow(WorkerConfigError);
    expect(() => readWorkerConfig({ ...missing, BOKVAR_WORKER_MAX_PARALLEL: '0' })).toThrow(
      /BOKVAR_WORKER_PASSWORD: saknas[\s\S]*BOKVAR_WORKER_MAX_PARALLEL/,
    );
  });

  it('stops the worker process at start-up with that message', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'workers/main.ts')], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', BOKVAR_ENGINE_URL: 'inte en url' },
      timeout: 30_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/BOKVAR_ENGINE_URL/);
    expect(result.stderr).toMatch(/BOKVAR_WORKER_PASSWORD: saknas/);
    // Starting a Node process with tsx takes seconds on a loaded machine.
  }, 40_000);
});
